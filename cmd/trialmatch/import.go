package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/internal/config"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

// importCommand: `trialmatch import ctgov FILE --sponsor EMAIL` makes a draft
// trial of the sponsor's organisation from a ClinicalTrials.gov record.
func importCommand(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "ctgov" {
		return errors.New("usage: trialmatch import ctgov FILE --sponsor EMAIL")
	}
	fs := flag.NewFlagSet("import ctgov", flag.ContinueOnError)
	sponsor := fs.String("sponsor", "", "e-mail of the sponsor account that will own the trial")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 || *sponsor == "" {
		return errors.New("usage: trialmatch import ctgov FILE --sponsor EMAIL")
	}
	raw, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
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
	var u models.User
	if err := a.db.Gorm.WithContext(ctx).Where("email = ? AND role = ? AND status = ?", services.NormalizeEmail(*sponsor), models.RoleSponsor, models.UserActive).First(&u).Error; err != nil {
		return fmt.Errorf("no active sponsor account %s", *sponsor)
	}
	res, err := a.all.Trials.ImportCTGov(ctx, services.Actor{UserID: u.ID, Role: u.Role}, raw)
	if err != nil {
		if e, ok := apperr.As(err); ok {
			for _, f := range e.Fields {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Field, f.Message)
			}
			return errors.New(e.Message)
		}
		return err
	}
	fmt.Printf("imported %s as draft trial %s (%d criteria, %d sites)\n", res.Trial.Trial.Title, res.Trial.Trial.ID, criteriaCount(res.Trial.Trial.Criteria), len(res.Trial.Sites))
	for _, w := range res.Warnings {
		fmt.Printf("  check: %s\n", w.Message)
	}
	return nil
}

func criteriaCount(raw []byte) int {
	var xs []any
	_ = json.Unmarshal(raw, &xs)
	return len(xs)
}
