package stats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// NoNationalError is the refusal to give national figures from data that
// hold only areas' figures. casualty never adds the areas up into a
// national total: a file of oblast rows rarely holds every oblast for
// every month, and a sum of the areas given would read as the country's
// figure while leaving out the areas not given.
type NoNationalError struct {
	Country     string // the national code ("UA")
	CountryName string // "Ukraine"
	// Areas are the codes of the areas with figures, in order.
	Areas []string
	Names []string
}

func (e *NoNationalError) Error() string {
	list := make([]string, 0, 4)
	for i, a := range e.Areas {
		if i == 3 {
			list = append(list, fmt.Sprintf("and %d more", len(e.Areas)-3))
			break
		}
		if e.Names[i] != a {
			list = append(list, e.Names[i]+" "+a)
		} else {
			list = append(list, a)
		}
	}
	n := "1 area"
	if len(e.Areas) != 1 {
		n = fmt.Sprintf("%d areas", len(e.Areas))
	}
	return fmt.Sprintf("the data have no national figures for %s, only figures for %s (%s); areas are not added up into a national total, which would look complete without being so: pick an area with --area (e.g. --area %s)",
		e.CountryName, n, strings.Join(list, ", "), e.Areas[0])
}

// Area is the area every command computes for: area itself when given, or
// the national total when area is "". Data that hold figures for areas
// only have no national total: asked for it, Area returns a
// *NoNationalError, the same refusal for trend, compare, chart, report and
// workbook.
func Area(ds *data.Dataset, area string) (string, error) {
	nat := ds.NationalCode()
	if area != "" && area != nat {
		return area, nil
	}
	codes := ds.AreaCodes()
	for _, c := range codes {
		if c == nat {
			return nat, nil
		}
	}
	if len(codes) == 0 {
		return nat, nil // nothing at all: the caller says there are no figures
	}
	e := &NoNationalError{Country: nat, CountryName: ds.AreaName(nat), Areas: codes}
	for _, c := range codes {
		e.Names = append(e.Names, ds.AreaName(c))
	}
	return "", e
}

// noFigures refuses a metric an area has no figures for, and says which
// metrics the data do give for it, so the reader can pick one: a file of
// killed figures alone has no casualties (killed + injured).
func noFigures(ds *data.Dataset, area string, m data.Metric) error {
	var have []string
	for _, o := range ds.Obs {
		if o.Area == area && !slices.Contains(have, string(o.Metric)) {
			have = append(have, string(o.Metric))
		}
	}
	if len(have) == 0 {
		return fmt.Errorf("no %s figures for %s", m.Label(), ds.AreaName(area))
	}
	return fmt.Errorf("no %s figures for %s; the data give %s for it", m.Label(), ds.AreaName(area), strings.Join(have, ", "))
}
