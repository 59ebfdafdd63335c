// Command trialmatch runs the TrialMatch server and its maintenance tasks.
//
//	trialmatch serve                 serve the API and the frontend
//	trialmatch migrate               apply pending database migrations
//	trialmatch admin create --email E --name N   create an admin (password from TRIALMATCH_ADMIN_PASSWORD or stdin)
//	trialmatch seed                  load the demo data (idempotent)
//	trialmatch import ctgov FILE --sponsor EMAIL   import a ClinicalTrials.gov record as a draft
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "trialmatch:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	switch args[0] {
	case "serve":
		return serve(ctx)
	case "migrate":
		return migrate(ctx)
	case "seed":
		return seed(ctx)
	case "admin":
		return adminCommand(ctx, args[1:])
	case "import":
		return importCommand(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

const usage = `usage: trialmatch <command>
  serve                          serve the API and the frontend (default)
  migrate                        apply pending database migrations
  seed                           load the demo data (idempotent)
  admin create --email E --name N
                                 create an admin account; the password comes from
                                 TRIALMATCH_ADMIN_PASSWORD or the first line of stdin
  import ctgov FILE --sponsor EMAIL
                                 import a ClinicalTrials.gov API v2 study record as a draft trial
Configuration comes from TRIALMATCH_* environment variables (see README.md).`

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
