package handlers

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// OpenAPIYAML is the API's OpenAPI 3 document. HTTP tests validate every
// request and response against it, so it cannot drift from the code.
//
//go:embed openapi.yaml
var OpenAPIYAML []byte

// LoadOpenAPI parses and validates the embedded document.
func LoadOpenAPI() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPIYAML)
	if err != nil {
		return nil, err
	}
	return doc, doc.Validate(openapi3.NewLoader().Context)
}

// DocsHandler serves the document and a readable page rendered from it on the
// server (no third-party script, so the strict CSP holds).
type DocsHandler struct {
	once sync.Once
	json []byte
	page []byte
	err  error
}

func (h *DocsHandler) load() error {
	h.once.Do(func() {
		doc, err := LoadOpenAPI()
		if err != nil {
			h.err = err
			return
		}
		if h.json, err = json.Marshal(doc); err != nil {
			h.err = err
			return
		}
		h.page, h.err = renderDocs(doc)
	})
	return h.err
}

func (h *DocsHandler) Spec(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml", OpenAPIYAML)
}

func (h *DocsHandler) SpecJSON(c echo.Context) error {
	if err := h.load(); err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, h.json)
}

func (h *DocsHandler) Page(c echo.Context) error {
	if err := h.load(); err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, h.page)
}

type docsOperation struct {
	Method, Path, Summary, Roles, Request string
	Params                                []string
	Responses                             []string
}

var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — API reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h2{font-size:1.05rem;margin:1.5rem 0 .25rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4.5rem;font-weight:700;color:#0b5394}
section{border-top:1px solid #ddd} dl{margin:.25rem 0} dt{font-weight:600} dd{margin:0 0 .25rem 1rem}
code{background:#f3f3f3;padding:0 .2rem}
</style></head><body><main>
<h1>{{.Title}} {{.Version}}</h1>
<p>The machine-readable document: <a href="/api/openapi.yaml">openapi.yaml</a>, <a href="/api/openapi.json">openapi.json</a>.</p>
<div>{{.Description}}</div>
{{range .Ops}}<section><h2><span class="m">{{.Method}}</span> {{.Path}}</h2><p>{{.Summary}}</p><dl>
{{if .Roles}}<dt>Who</dt><dd>{{.Roles}}</dd>{{end}}
{{if .Params}}<dt>Parameters</dt>{{range .Params}}<dd><code>{{.}}</code></dd>{{end}}{{end}}
{{if .Request}}<dt>Body</dt><dd><code>{{.Request}}</code></dd>{{end}}
<dt>Responses</dt>{{range .Responses}}<dd>{{.}}</dd>{{end}}
</dl></section>{{end}}
</main></body></html>`))

func renderDocs(doc *openapi3.T) ([]byte, error) {
	var ops []docsOperation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			o := docsOperation{Method: method, Path: path, Summary: op.Summary}
			if roles, ok := op.Extensions["x-roles"].([]any); ok {
				parts := make([]string, 0, len(roles))
				for _, r := range roles {
					if s, ok := r.(string); ok {
						parts = append(parts, s)
					}
				}
				o.Roles = strings.Join(parts, ", ")
			}
			for _, p := range op.Parameters {
				if p.Value != nil {
					o.Params = append(o.Params, p.Value.In+": "+p.Value.Name)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for ct, mt := range op.RequestBody.Value.Content {
					o.Request = ct
					if mt.Schema != nil && mt.Schema.Ref != "" {
						o.Request += " " + strings.TrimPrefix(mt.Schema.Ref, "#/components/schemas/")
					}
				}
			}
			for code, r := range op.Responses.Map() {
				desc := ""
				if r.Value != nil && r.Value.Description != nil {
					desc = *r.Value.Description
				} else if r.Ref != "" {
					desc = "problem details"
				}
				o.Responses = append(o.Responses, code+" — "+desc)
			}
			sort.Strings(o.Responses)
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	var buf bytes.Buffer
	err := docsTemplate.Execute(&buf, map[string]any{
		"Title": doc.Info.Title, "Version": doc.Info.Version, "Description": doc.Info.Description, "Ops": ops,
	})
	return buf.Bytes(), err
}
