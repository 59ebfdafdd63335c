package services

import (
	"context"

	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/models"
)

// DemoPassword is the password of every demo account. Demo data is refused in
// production (config), so these accounts never exist there.
const DemoPassword = "TrialMatch-demo-2026"

// DemoLogin is one demo account, printed by `make run`.
type DemoLogin struct {
	Role     models.Role
	Email    string
	Password string
}

var demoAccounts = []struct {
	role   models.Role
	email  string
	name   string
	locale string
}{
	{models.RoleAdmin, "admin@demo.trialmatch.org", "Demo Admin", "en"},
	{models.RoleSponsor, "sponsor@demo.trialmatch.org", "Demo Sponsor (CellCure Biotech)", "en"},
	{models.RoleInvestigator, "investigator@demo.trialmatch.org", "Dr. Demo Investigator", "tr"},
	{models.RoleVolunteer, "volunteer@demo.trialmatch.org", "Demo Parent", "en"},
}

// DemoService loads demo data idempotently: running it twice changes nothing.
type DemoService struct {
	Deps
	Trials *TrialService
}

func (s *DemoService) Load(ctx context.Context) ([]DemoLogin, error) {
	hash, err := HashPassword(DemoPassword)
	if err != nil {
		return nil, err
	}
	logins := make([]DemoLogin, 0, len(demoAccounts))
	users := map[models.Role]models.User{}
	for _, a := range demoAccounts {
		u := models.User{Email: a.email, PasswordHash: hash, Role: a.role, Status: models.UserActive, DisplayName: a.name, Locale: a.locale}
		if err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&u).Error; err != nil {
			return nil, err
		}
		if err := s.DB.WithContext(ctx).Where("email = ?", a.email).First(&u).Error; err != nil {
			return nil, err
		}
		users[a.role] = u
		logins = append(logins, DemoLogin{Role: a.role, Email: a.email, Password: DemoPassword})
	}
	if err := s.loadDemoTrials(ctx, s.Trials, users[models.RoleSponsor], users[models.RoleInvestigator]); err != nil {
		return nil, err
	}
	return logins, nil
}
