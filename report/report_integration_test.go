package report

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/casualty-tool/casualty/data"
)

// pdfPage matches a page object of a PDF ("/Type /Page", not "/Pages").
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// browserLog records what the page did that a reader would suffer from:
// requests (there must be none but the page itself), failed loads and
// console errors.
type browserLog struct {
	mu       sync.Mutex
	requests []string
	failed   []string
	errors   []string
}

func (l *browserLog) add(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			l.requests = append(l.requests, ev.Request.URL)
		}
	case *network.EventLoadingFailed:
		l.failed = append(l.failed, fmt.Sprintf("%s: %s", ev.RequestID, ev.ErrorText))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			l.errors = append(l.errors, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry != nil && ev.Entry.Level == cdplog.EntryLevelError {
			l.errors = append(l.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *runtime.EventExceptionThrown:
		if ev.ExceptionDetails != nil {
			l.errors = append(l.errors, "exception: "+ev.ExceptionDetails.Text)
		}
	}
}

// TestIntegrationReportChromium opens report.html in headless Chromium, as
// a reader would: it checks that the page loads nothing from anywhere, that
// nothing failed or was logged as an error, that every chart is drawn with
// a size, that the headline sentence is in the page's text and that the
// page fits a phone's width; then it takes a screenshot and prints the page
// to PDF, and checks both.
func TestIntegrationReportChromium(t *testing.T) {
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to run against Chromium")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("CASUALTY_INTEGRATION=1 but Chromium is missing (apt-get install chromium): %v", err)
	}
	dir := filepath.Join(t.TempDir(), "report")
	r, err := Build(data.Default(), Options{Version: "test", Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.WriteFolder(dir); err != nil {
		t.Fatal(err)
	}
	if len(r.Charts) == 0 {
		t.Fatal("the report has no charts")
	}
	page := "file://" + filepath.Join(dir, "report.html")

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// Start the browser and open the tab before listening, so no event of
	// the page is missed; the deadline goes on later calls only (a deadline
	// on the first call would end the browser with it).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	var log browserLog
	if err := chromedp.Listen(ctx, log.add); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	defer tcancel()

	if err := chromedp.Do(tctx, chromedp.Navigate(page), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}

	text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, r.Headline) {
		t.Errorf("the page's text lacks the headline sentence %q", r.Headline)
	}

	type box struct{ W, H float64 }
	charts, err := chromedp.Run(tctx, chromedp.Evaluate[[]box](
		`Array.from(document.querySelectorAll("figure.chart svg")).map(s => { const b = s.getBoundingClientRect(); return {W: b.width, H: b.height}; })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != len(r.Charts) {
		t.Errorf("the page shows %d charts, the report has %d", len(charts), len(r.Charts))
	}
	for i, b := range charts {
		if b.W < 300 || b.H < 150 {
			t.Errorf("chart %d (%s) is drawn %.0f×%.0f px", i, r.Charts[i].Name, b.W, b.H)
		}
	}

	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 2000 {
		t.Errorf("screenshot is %v, want the whole long page", b)
	}
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("printing gave no PDF (%d bytes)", len(pdf))
	}
	// Print CSS starts the charts and the revisions on new pages: the
	// summary, at least two pages of charts (two a page) and the back
	// matter.
	if n := len(pdfPage.FindAll(pdf, -1)); n < 4 {
		t.Errorf("the PDF has %d pages, want at least 4 (print CSS starts charts and revisions on new pages)", n)
	}
	if out := os.Getenv("CASUALTY_ARTIFACTS"); out != "" {
		os.WriteFile(filepath.Join(out, "report-desktop.png"), shot, 0o644)
		os.WriteFile(filepath.Join(out, "report.pdf"), pdf, 0o644)
	}

	// On a phone's width the page must not scroll sideways.
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 391 {
		t.Errorf("on a 390 px phone the page is %.0f px wide: it scrolls sideways", width)
	}
	if out := os.Getenv("CASUALTY_ARTIFACTS"); out != "" {
		if phone, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(out, "report-phone.png"), phone, 0o644)
		}
	}

	log.mu.Lock()
	defer log.mu.Unlock()
	for _, u := range log.requests {
		// The page itself, and the fonts inlined as data: URLs, are no
		// request to anywhere.
		if u != page && !strings.HasPrefix(u, "data:") {
			if len(u) > 120 {
				u = u[:120] + "..."
			}
			t.Errorf("the page requested %s: it must load nothing", u)
		}
	}
	for _, f := range log.failed {
		t.Errorf("a request failed: %s", f)
	}
	for _, e := range log.errors {
		t.Errorf("the console shows an error: %s", e)
	}
	if len(log.requests) == 0 {
		t.Error("no request was seen at all: the listener is not working")
	}
}
