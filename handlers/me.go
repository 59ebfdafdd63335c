package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/services"
)

type MeHandler struct {
	Users *services.UserService
}

type updateMeRequest struct {
	DisplayName *string `json:"display_name" validate:"omitempty,max=100"`
	Locale      *string `json:"locale" validate:"omitempty,oneof=en tr ru kk"`
}

func (h *MeHandler) Get(c echo.Context) error {
	u, err := h.Users.Me(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserResponse(u))
}

func (h *MeHandler) Update(c echo.Context) error {
	var req updateMeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	u, err := h.Users.UpdateMe(c.Request().Context(), actor(c), services.UpdateMeInput{DisplayName: req.DisplayName, Locale: req.Locale})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserResponse(u))
}
