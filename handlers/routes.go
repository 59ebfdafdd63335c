package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/models"
)

// Access says who may call a route: anyone (Public), any signed-in user (no
// Roles), or only the listed roles. Ownership is checked in the services.
type Access struct {
	Public bool
	Roles  []models.Role
}

var (
	public        = Access{Public: true}
	signedIn      = Access{}
	admin         = Access{Roles: []models.Role{models.RoleAdmin}}
	volunteer     = Access{Roles: []models.Role{models.RoleVolunteer}}
	sponsor       = Access{Roles: []models.Role{models.RoleSponsor}}
	staff         = Access{Roles: []models.Role{models.RoleInvestigator, models.RoleSponsor}}
	investigator  = Access{Roles: []models.Role{models.RoleInvestigator}}
	referralParty = Access{Roles: []models.Role{models.RoleVolunteer, models.RoleInvestigator}}
)

// Route is one entry of the authorization table. Idempotent routes honour
// an Idempotency-Key header.
type Route struct {
	Method     string
	Path       string
	Access     Access
	Handler    echo.HandlerFunc
	Idempotent bool
}

// Routes is every route the server serves, each with the roles it admits.
// The authorization test walks e.Routes() and fails on any route not listed.
func (s *Server) Routes() []Route {
	return []Route{
		{http.MethodGet, "/healthz", public, s.health.Healthz, false},
		{http.MethodGet, "/readyz", public, s.health.Readyz, false},
		{http.MethodGet, "/metrics", public, s.health.Metrics, false},
		{http.MethodGet, "/api/openapi.yaml", public, s.docs.Spec, false},
		{http.MethodGet, "/api/openapi.json", public, s.docs.SpecJSON, false},
		{http.MethodGet, "/api/docs", public, s.docs.Page, false},

		{http.MethodGet, "/api/v1/meta", public, s.health.Meta, false},
		{http.MethodPost, "/api/v1/auth/register", public, s.auth.Register, true},
		{http.MethodPost, "/api/v1/auth/login", public, s.auth.Login, false},
		{http.MethodPost, "/api/v1/auth/refresh", public, s.auth.Refresh, false},
		{http.MethodPost, "/api/v1/auth/logout", public, s.auth.Logout, false},

		{http.MethodGet, "/api/v1/me", signedIn, s.me.Get, false},
		{http.MethodPatch, "/api/v1/me", signedIn, s.me.Update, false},

		{http.MethodGet, "/api/v1/me/export", volunteer, s.privacy.Export, false},
		{http.MethodDelete, "/api/v1/me", volunteer, s.privacy.DeleteAccount, false},

		{http.MethodGet, "/api/v1/conditions", public, s.conditions.Search, false},
		{http.MethodGet, "/api/v1/consent-texts", public, s.volunteers.ConsentTexts, false},

		// Profiles are the holder's alone: staff get 403 here, and another
		// account's profile is 404 (ownership is checked in the service).
		{http.MethodGet, "/api/v1/volunteers", volunteer, s.volunteers.List, false},
		{http.MethodPost, "/api/v1/volunteers", volunteer, s.volunteers.Create, false},
		{http.MethodGet, "/api/v1/volunteers/:id", volunteer, s.volunteers.Get, false},
		{http.MethodPatch, "/api/v1/volunteers/:id", volunteer, s.volunteers.Update, false},
		{http.MethodDelete, "/api/v1/volunteers/:id", volunteer, s.volunteers.Delete, false},
		{http.MethodGet, "/api/v1/volunteers/:id/clinical", volunteer, s.volunteers.GetClinical, false},
		{http.MethodPut, "/api/v1/volunteers/:id/clinical", volunteer, s.volunteers.PutClinical, false},
		{http.MethodGet, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.ListConsents, false},
		{http.MethodPost, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.GrantConsent, false},
		{http.MethodDelete, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.WithdrawConsent, false},

		// Trials: the public sees recruiting trials; sponsors and site staff
		// also their own (the service decides which, and 404s the rest).
		{http.MethodGet, "/api/v1/trials", public, s.trials.List, false},
		{http.MethodPost, "/api/v1/trials", sponsor, s.trials.Create, false},
		{http.MethodPost, "/api/v1/trials/import/ctgov", sponsor, s.trials.ImportCTGov, false},
		{http.MethodGet, "/api/v1/trials/:id", public, s.trials.Get, false},
		{http.MethodPatch, "/api/v1/trials/:id", sponsor, s.trials.Update, false},
		{http.MethodPut, "/api/v1/trials/:id/criteria", sponsor, s.trials.PutCriteria, false},
		{http.MethodPost, "/api/v1/trials/:id/sites", sponsor, s.trials.AddSite, false},
		{http.MethodPost, "/api/v1/trials/:id/sites/:site_id/staff", sponsor, s.trials.AddSiteStaff, false},
		{http.MethodGet, "/api/v1/trials/:id/candidates", investigator, s.matching.Candidates, false},
		{http.MethodPost, "/api/v1/trials/:id/feasibility", staff, s.matching.Feasibility, false},
		{http.MethodPost, "/api/v1/eligibility/evaluate", signedIn, s.matching.Evaluate, false},
		{http.MethodGet, "/api/v1/volunteers/:id/matches", volunteer, s.matching.Matches, false},

		// Recruitment: invitations, interest and the screening pipeline.
		{Method: http.MethodPut, Path: "/api/v1/trials/:id/invitation-message", Access: sponsor, Handler: s.referrals.SetInvitationMessage},
		{Method: http.MethodPost, Path: "/api/v1/trials/:id/ethics-approvals", Access: sponsor, Handler: s.referrals.AddEthicsApproval},
		{Method: http.MethodPost, Path: "/api/v1/trials/:id/invitations", Access: investigator, Handler: s.referrals.Invite, Idempotent: true},
		{Method: http.MethodPost, Path: "/api/v1/volunteers/:id/interests", Access: volunteer, Handler: s.referrals.Interest, Idempotent: true},
		{Method: http.MethodPost, Path: "/api/v1/invitations/:id/accept", Access: volunteer, Handler: s.referrals.Accept},
		{Method: http.MethodPost, Path: "/api/v1/invitations/:id/decline", Access: volunteer, Handler: s.referrals.Decline},
		{Method: http.MethodGet, Path: "/api/v1/referrals", Access: referralParty, Handler: s.referrals.List},
		{Method: http.MethodGet, Path: "/api/v1/referrals/:id", Access: referralParty, Handler: s.referrals.Get},
		{Method: http.MethodPost, Path: "/api/v1/referrals/:id/transitions", Access: referralParty, Handler: s.referrals.Transition},
		{Method: http.MethodGet, Path: "/api/v1/trials/:id/referrals.fhir", Access: staff, Handler: s.referrals.FHIR},

		// Reports: aggregates only, suppressed below the small-cell threshold.
		// The sponsor sees every site, site staff their own sites.
		{Method: http.MethodGet, Path: "/api/v1/trials/:id/reports/enrollment", Access: staff, Handler: s.reports.Enrollment},
		{Method: http.MethodGet, Path: "/api/v1/trials/:id/reports/enrollment.csv", Access: staff, Handler: s.reports.EnrollmentCSV},
		{Method: http.MethodGet, Path: "/api/v1/trials/:id/diversity-goals", Access: staff, Handler: s.reports.DiversityGoals},
		{Method: http.MethodPut, Path: "/api/v1/trials/:id/diversity-goals", Access: sponsor, Handler: s.reports.SetDiversityGoals},

		{Method: http.MethodGet, Path: "/api/v1/notifications", Access: signedIn, Handler: s.notifications.List},
		{Method: http.MethodPost, Path: "/api/v1/notifications/:id/read", Access: signedIn, Handler: s.notifications.MarkRead},
		{Method: http.MethodGet, Path: "/api/v1/admin/audit-events", Access: admin, Handler: s.notifications.AuditEvents},
		{Method: http.MethodGet, Path: "/api/v1/admin/audit-events.csv", Access: admin, Handler: s.notifications.AuditCSV},
		{Method: http.MethodGet, Path: "/api/v1/admin/mailbox", Access: admin, Handler: s.notifications.Mailbox},

		{http.MethodGet, "/api/v1/admin/users", admin, s.admin.ListUsers, false},
		{http.MethodPost, "/api/v1/admin/users/:id/approve", admin, s.admin.Approve, false},

		// The single-page app: assets, and index.html for every page route.
		{http.MethodGet, "/*", public, s.spa.Serve, false},
	}
}

// AuthorizationTable is the route table without a server behind it, for the
// authorization test and the docs.
func AuthorizationTable() []Route { return (&Server{}).Routes() }
