package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/internal/config"
)

// adminCommand: `trialmatch admin create --email E --name N`. The password is
// read from TRIALMATCH_ADMIN_PASSWORD or stdin, never from the command line
// (where it would show in the process list and shell history).
func adminCommand(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: trialmatch admin create --email E --name N")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	email := fs.String("email", "", "the admin's e-mail address")
	name := fs.String("name", "Administrator", "the name shown for the admin")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	password := os.Getenv("TRIALMATCH_ADMIN_PASSWORD")
	if password == "" {
		fmt.Fprint(os.Stderr, "password: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password given: set TRIALMATCH_ADMIN_PASSWORD or type it on stdin")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	a, err := newApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.db.Close(ctx)
	u, err := a.all.Users.CreateAdmin(ctx, *email, password, *name)
	if err != nil {
		if e, ok := apperr.As(err); ok {
			for _, f := range e.Fields {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Field, f.Message)
			}
			return errors.New(e.Message)
		}
		return err
	}
	fmt.Printf("admin %s created (id %s)\n", u.Email, u.ID)
	return nil
}
