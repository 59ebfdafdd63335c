package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestHealthAndDocs(t *testing.T) {
	ts := newTestServer(t)
	ts.do(req{method: "GET", path: "/healthz"}).Expect(http.StatusOK)
	ts.do(req{method: "GET", path: "/readyz"}).Expect(http.StatusOK)
	ts.do(req{method: "GET", path: "/api/v1/meta"}).Expect(http.StatusOK)
	if r := ts.do(req{method: "GET", path: "/api/openapi.json"}).Expect(http.StatusOK); !strings.Contains(string(r.Body), `"openapi":"3.0.3"`) {
		t.Errorf("openapi.json: %.100s", r.Body)
	}
	ts.do(req{method: "GET", path: "/api/openapi.yaml"}).Expect(http.StatusOK)
	if r := ts.do(req{method: "GET", path: "/api/docs"}).Expect(http.StatusOK); !strings.Contains(string(r.Body), "/api/v1/auth/login") {
		t.Error("docs page does not list the routes")
	}
	if r := ts.do(req{method: "GET", path: "/metrics"}).Expect(http.StatusOK); !strings.Contains(string(r.Body), "trialmatch_http_request_duration_seconds") {
		t.Error("metrics lack the request histogram")
	}
}

func TestReadyzIs503WithoutDatabase(t *testing.T) {
	ts := newTestServer(t)
	sqlDB, err := ts.db.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.Close()
	ts.do(req{method: "GET", path: "/readyz"}).Expect(http.StatusServiceUnavailable)
}

func TestSPAFallbackAndAPINotFound(t *testing.T) {
	ts := newTestServer(t)
	if r := ts.do(req{method: "GET", path: "/volunteer/profile"}).Expect(http.StatusOK); !strings.Contains(string(r.Body), "<title>TrialMatch") {
		t.Errorf("page route should serve index.html: %s", r.Body)
	}
	ts.do(req{method: "GET", path: "/assets/missing.js"}).Expect(http.StatusNotFound)
	p := ts.do(req{method: "GET", path: "/api/v1/nope"}).Expect(http.StatusNotFound)
	if ct := p.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("unknown API route content type %q", ct)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	h := ts.do(req{method: "GET", path: "/"}).Expect(http.StatusOK).Header
	for name, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": "default-src 'self'",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if !strings.Contains(h.Get(name), want) {
			t.Errorf("%s = %q, want %q", name, h.Get(name), want)
		}
	}
	if h.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	if cc := ts.do(req{method: "GET", path: "/api/v1/meta"}).Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("API Cache-Control %q", cc)
	}
}
