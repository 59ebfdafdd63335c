package handlers_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/handlers"
	"github.com/trialmatch/trialmatch/models"
)

// TestEveryRouteHasAnAuthorizationEntry fails when a route is served that the
// authorization table does not list (or the other way round).
func TestEveryRouteHasAnAuthorizationEntry(t *testing.T) {
	ts := newTestServer(t)
	table := map[string]bool{}
	for _, r := range handlers.AuthorizationTable() {
		table[r.Method+" "+r.Path] = true
	}
	served := map[string]bool{}
	for _, r := range ts.e.Routes() {
		key := r.Method + " " + r.Path
		served[key] = true
		if !table[key] {
			t.Errorf("route %s has no entry in the authorization table (handlers/routes.go)", key)
		}
	}
	for key := range table {
		if !served[key] {
			t.Errorf("authorization table lists %s, which is not served", key)
		}
	}
}

// TestRoleGates calls every route as anonymous and as each role and checks
// that the gate admits exactly the roles of its entry. Services check
// ownership on top; their tests cover non-owners.
func TestRoleGates(t *testing.T) {
	ts := newTestServer(t)
	roles := []models.Role{models.RoleVolunteer, models.RoleInvestigator, models.RoleSponsor, models.RoleAdmin}
	tokens := map[models.Role]string{}
	for _, r := range roles {
		tokens[r] = ts.createUser(r, string(r)+"@gates.test").Token
	}
	for _, route := range handlers.AuthorizationTable() {
		path := pathParam.ReplaceAllStringFunc(strings.Replace(route.Path, "*", "some/page", 1), func(string) string { return uuid.NewString() })
		call := func(token string) response {
			var body any
			if route.Method == http.MethodPost || route.Method == http.MethodPut || route.Method == http.MethodPatch {
				body = "{}"
			}
			return ts.do(req{method: route.Method, path: path, body: body, token: token, invalid: true})
		}
		name := route.Method + " " + route.Path
		t.Run(name+" as anonymous", func(t *testing.T) {
			resp := call("")
			switch {
			case route.Access.Public && isGateRefusal(resp):
				t.Errorf("public route refused an anonymous caller: %d %s", resp.Status, resp.Body)
			case !route.Access.Public && resp.Status != http.StatusUnauthorized:
				t.Errorf("got %d for an anonymous caller, want 401: %s", resp.Status, resp.Body)
			}
		})
		for _, role := range roles {
			t.Run(fmt.Sprintf("%s as %s", name, role), func(t *testing.T) {
				resp := call(tokens[role])
				allowed := route.Access.Public || len(route.Access.Roles) == 0 || contains(route.Access.Roles, role)
				if allowed && isGateRefusal(resp) {
					t.Errorf("role %s refused: %d %s", role, resp.Status, resp.Body)
				}
				if !allowed && resp.Status != http.StatusForbidden {
					t.Errorf("role %s got %d, want 403: %s", role, resp.Status, resp.Body)
				}
			})
		}
	}
}

var pathParam = regexp.MustCompile(`:[a-z_]+`)

func isGateRefusal(r response) bool {
	if r.Status != http.StatusUnauthorized && r.Status != http.StatusForbidden {
		return false
	}
	var p handlers.Problem
	_ = jsonUnmarshal(r.Body, &p)
	return p.Code == "unauthorized" || p.Code == "forbidden"
}

func contains(roles []models.Role, r models.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
