package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// version is the tool's version, written into every output it makes so a
// reader can tell which casualty made a file.
const version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError marks a mistake in the command line (exit status 2), as
// opposed to bad input or a failed write (exit status 1).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitCode prints err and picks the exit status: 0 ok, 1 failure, 2 usage.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	wordLimits(err)
	var ue *usageError
	if errors.As(err, &ue) {
		if ue.msg != "" {
			fmt.Fprintln(stderr, "casualty:", ue.msg)
		}
		return 2
	}
	fmt.Fprintln(stderr, "casualty:", err)
	return 1
}

// command is one subcommand. Each lives in its own file and registers
// itself, so adding a command touches no other file.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// run is the whole program: it picks the subcommand and returns its error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printUsage(stderr)
		return &usageError{}
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		// Help asked for is the command's output: stdout, exit 0, so
		// `casualty help trend | grep metric` works.
		if args[0] == "help" && len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		printUsage(stdout)
		return nil
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "casualty", version)
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		names := commandNames()
		hint := ""
		if n := nearestName(args[0], names); n != "" {
			hint = fmt.Sprintf("; did you mean %q?", n)
		}
		return usagef("unknown command %q%s (commands: %s)", args[0], hint, strings.Join(names, ", "))
	}
	if wantsHelp(args[1:]) {
		// A command prints its flags to the writer it is given for
		// messages; help asked for goes to stdout.
		return c.run(ctx, args[1:], stdout, stdout)
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

// wantsHelp reports whether the flags of a command ask for its help
// (before a "--" that ends them).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func commandNames() []string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: casualty COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun casualty COMMAND --help for a command's flags.")
}
