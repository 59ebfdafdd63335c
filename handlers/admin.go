package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/services"
)

type AdminHandler struct {
	Users *services.UserService
}

type listQuery struct {
	Limit  int    `query:"limit"`
	Cursor string `query:"cursor"`
}

type userPage struct {
	Items      []userResponse `json:"items"`
	NextCursor *string        `json:"next_cursor"`
}

func (h *AdminHandler) ListUsers(c echo.Context) error {
	limit, err := intQuery(c, "limit")
	if err != nil {
		return err
	}
	page, err := h.Users.ListUsers(c.Request().Context(), actor(c), c.QueryParam("status"), limit, c.QueryParam("cursor"))
	if err != nil {
		return err
	}
	out := userPage{Items: make([]userResponse, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, u := range page.Items {
		out.Items = append(out.Items, toUserResponse(u))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *AdminHandler) Approve(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	u, err := h.Users.Approve(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserResponse(u))
}

// intQuery reads an optional integer query parameter; 0 when absent.
func intQuery(c echo.Context, name string) (int, error) {
	var n int
	if err := echo.QueryParamsBinder(c).Int(name, &n).BindError(); err != nil {
		return 0, apperr.FromFields([]apperr.FieldError{{Field: name, Code: "wrong_type", Message: name + " must be a whole number."}})
	}
	return n, nil
}
