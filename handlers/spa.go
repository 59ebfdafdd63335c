package handlers

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// SPAHandler serves the built frontend: files as they are, and index.html for
// every other page route so that the client-side router can take over.
type SPAHandler struct {
	files fs.FS
	index []byte
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TrialMatch</title></head>
<body><main><h1>TrialMatch</h1><p>The frontend has not been built. Run <code>make run</code> (or <code>make build</code>).</p></main></body></html>`

func NewSPAHandler(files fs.FS) *SPAHandler {
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		index = []byte(notBuiltPage)
	}
	return &SPAHandler{files: files, index: index}
}

func (h *SPAHandler) Serve(c echo.Context) error {
	p := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	// Unknown API paths are 404 problems, never the app's HTML.
	if p == "api" || strings.HasPrefix(p, "api/") {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if p != "" && p != "index.html" {
		if f, err := h.files.Open(p); err == nil {
			st, err := f.Stat()
			f.Close()
			if err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					// Vite fingerprints asset names, so they never change.
					c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				http.ServeFileFS(c.Response(), c.Request(), h.files, p)
				return nil
			}
		}
		// A missing file with an extension is a real 404, not a page route.
		if path.Ext(p) != "" {
			return echo.NewHTTPError(http.StatusNotFound)
		}
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.HTMLBlob(http.StatusOK, h.index)
}
