package data

// LimitError is a refusal because an input passes one of the Limits (or
// LoadOptions.MaxErrors): a bound on memory and time against a hostile or
// mistaken file, not a fault in the figures. Its message says what was
// refused and which limit refused it; a program says how its users raise
// that limit by setting Raise before printing the error (the casualty
// command names its flag, such as --max-rows), so this package never
// words command-line flags itself.
type LimitError struct {
	Limit string // the field that refused: "MaxRows", "MaxBytes", ..., "MaxErrors"
	What  string // what was refused, without the way out
	Raise string // how to raise the limit, in the program's words
}

func (e *LimitError) Error() string {
	raise := e.Raise
	if raise == "" {
		raise = "raise Limits." + e.Limit
		if e.Limit == "MaxErrors" {
			raise = "raise LoadOptions.MaxErrors"
		}
	}
	return e.What + " (" + raise + ")"
}

// limitErr makes a LimitError for limit with a message.
func limitErr(limit, what string) *LimitError { return &LimitError{Limit: limit, What: what} }
