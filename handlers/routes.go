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
	public       = Access{Public: true}
	signedIn     = Access{}
	admin        = Access{Roles: []models.Role{models.RoleAdmin}}
	volunteer    = Access{Roles: []models.Role{models.RoleVolunteer}}
	sponsor      = Access{Roles: []models.Role{models.RoleSponsor}}
	staff        = Access{Roles: []models.Role{models.RoleInvestigator, models.RoleSponsor}}
	investigator = Access{Roles: []models.Role{models.RoleInvestigator}}
)

// Route is one entry of the authorization table.
type Route struct {
	Method  string
	Path    string
	Access  Access
	Handler echo.HandlerFunc
}

// Routes is every route the server serves, each with the roles it admits.
// The authorization test walks e.Routes() and fails on any route not listed.
func (s *Server) Routes() []Route {
	return []Route{
		{http.MethodGet, "/healthz", public, s.health.Healthz},
		{http.MethodGet, "/readyz", public, s.health.Readyz},
		{http.MethodGet, "/metrics", public, s.health.Metrics},
		{http.MethodGet, "/api/openapi.yaml", public, s.docs.Spec},
		{http.MethodGet, "/api/openapi.json", public, s.docs.SpecJSON},
		{http.MethodGet, "/api/docs", public, s.docs.Page},

		{http.MethodGet, "/api/v1/meta", public, s.health.Meta},
		{http.MethodPost, "/api/v1/auth/register", public, s.auth.Register},
		{http.MethodPost, "/api/v1/auth/login", public, s.auth.Login},
		{http.MethodPost, "/api/v1/auth/refresh", public, s.auth.Refresh},
		{http.MethodPost, "/api/v1/auth/logout", public, s.auth.Logout},

		{http.MethodGet, "/api/v1/me", signedIn, s.me.Get},
		{http.MethodPatch, "/api/v1/me", signedIn, s.me.Update},

		{http.MethodGet, "/api/v1/me/export", volunteer, s.privacy.Export},
		{http.MethodDelete, "/api/v1/me", volunteer, s.privacy.DeleteAccount},

		{http.MethodGet, "/api/v1/conditions", public, s.conditions.Search},
		{http.MethodGet, "/api/v1/consent-texts", public, s.volunteers.ConsentTexts},

		// Profiles are the holder's alone: staff get 403 here, and another
		// account's profile is 404 (ownership is checked in the service).
		{http.MethodGet, "/api/v1/volunteers", volunteer, s.volunteers.List},
		{http.MethodPost, "/api/v1/volunteers", volunteer, s.volunteers.Create},
		{http.MethodGet, "/api/v1/volunteers/:id", volunteer, s.volunteers.Get},
		{http.MethodPatch, "/api/v1/volunteers/:id", volunteer, s.volunteers.Update},
		{http.MethodDelete, "/api/v1/volunteers/:id", volunteer, s.volunteers.Delete},
		{http.MethodGet, "/api/v1/volunteers/:id/clinical", volunteer, s.volunteers.GetClinical},
		{http.MethodPut, "/api/v1/volunteers/:id/clinical", volunteer, s.volunteers.PutClinical},
		{http.MethodGet, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.ListConsents},
		{http.MethodPost, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.GrantConsent},
		{http.MethodDelete, "/api/v1/volunteers/:id/consents", volunteer, s.volunteers.WithdrawConsent},

		// Trials: the public sees recruiting trials; sponsors and site staff
		// also their own (the service decides which, and 404s the rest).
		{http.MethodGet, "/api/v1/trials", public, s.trials.List},
		{http.MethodPost, "/api/v1/trials", sponsor, s.trials.Create},
		{http.MethodPost, "/api/v1/trials/import/ctgov", sponsor, s.trials.ImportCTGov},
		{http.MethodGet, "/api/v1/trials/:id", public, s.trials.Get},
		{http.MethodPatch, "/api/v1/trials/:id", sponsor, s.trials.Update},
		{http.MethodPut, "/api/v1/trials/:id/criteria", sponsor, s.trials.PutCriteria},
		{http.MethodPost, "/api/v1/trials/:id/sites", sponsor, s.trials.AddSite},
		{http.MethodPost, "/api/v1/trials/:id/sites/:site_id/staff", sponsor, s.trials.AddSiteStaff},
		{http.MethodGet, "/api/v1/trials/:id/candidates", investigator, s.matching.Candidates},
		{http.MethodPost, "/api/v1/trials/:id/feasibility", staff, s.matching.Feasibility},
		{http.MethodPost, "/api/v1/eligibility/evaluate", signedIn, s.matching.Evaluate},
		{http.MethodGet, "/api/v1/volunteers/:id/matches", volunteer, s.matching.Matches},

		{http.MethodGet, "/api/v1/admin/users", admin, s.admin.ListUsers},
		{http.MethodPost, "/api/v1/admin/users/:id/approve", admin, s.admin.Approve},

		// The single-page app: assets, and index.html for every page route.
		{http.MethodGet, "/*", public, s.spa.Serve},
	}
}

// AuthorizationTable is the route table without a server behind it, for the
// authorization test and the docs.
func AuthorizationTable() []Route { return (&Server{}).Routes() }
