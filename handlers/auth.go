package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

// refreshCookie carries the refresh token, HttpOnly and SameSite=Strict,
// scoped to the auth routes only.
const (
	refreshCookie     = "tm_refresh"
	refreshCookiePath = "/api/v1/auth"
)

type AuthHandler struct {
	Auth         *services.AuthService
	CookieSecure bool
}

type registerRequest struct {
	Email       string `json:"email" validate:"required,max=254"`
	Password    string `json:"password" validate:"required"`
	DisplayName string `json:"display_name" validate:"required,max=100"`
	Locale      string `json:"locale" validate:"omitempty,oneof=en tr ru kk"`
	Role        string `json:"role" validate:"omitempty,oneof=volunteer investigator sponsor"`
}

type loginRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=200"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

type sessionResponse struct {
	AccessToken  string       `json:"access_token"`
	TokenType    string       `json:"token_type"`
	ExpiresIn    int          `json:"expires_in"`
	RefreshToken string       `json:"refresh_token"`
	User         userResponse `json:"user"`
}

type registerResponse struct {
	User         userResponse `json:"user"`
	AccessToken  string       `json:"access_token,omitempty"`
	TokenType    string       `json:"token_type,omitempty"`
	ExpiresIn    int          `json:"expires_in,omitempty"`
	RefreshToken string       `json:"refresh_token,omitempty"`
}

type userResponse struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Role        string    `json:"role"`
	Status      string    `json:"status"`
	DisplayName string    `json:"display_name"`
	Locale      string    `json:"locale"`
	CreatedAt   time.Time `json:"created_at"`
}

func toUserResponse(u models.User) userResponse {
	return userResponse{ID: u.ID.String(), Email: u.Email, Role: string(u.Role), Status: string(u.Status),
		DisplayName: u.DisplayName, Locale: u.Locale, CreatedAt: u.CreatedAt.UTC()}
}

func (h *AuthHandler) Register(c echo.Context) error {
	var req registerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	u, sess, err := h.Auth.Register(c.Request().Context(), actor(c), services.RegisterInput{
		Email: req.Email, Password: req.Password, DisplayName: req.DisplayName, Locale: req.Locale, Role: models.Role(req.Role),
	})
	if err != nil {
		return err
	}
	resp := registerResponse{User: toUserResponse(u)}
	if sess != nil {
		h.setCookie(c, sess)
		resp.AccessToken, resp.TokenType, resp.ExpiresIn, resp.RefreshToken = sess.AccessToken, "Bearer", sess.ExpiresIn, sess.RefreshToken
	}
	return c.JSON(http.StatusCreated, resp)
}

func (h *AuthHandler) Login(c echo.Context) error {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sess, err := h.Auth.Login(c.Request().Context(), actor(c), req.Email, req.Password)
	if err != nil {
		return err
	}
	return h.session(c, sess)
}

func (h *AuthHandler) Refresh(c echo.Context) error {
	token, err := refreshTokenFrom(c)
	if err != nil {
		return err
	}
	sess, err := h.Auth.Refresh(c.Request().Context(), actor(c), token)
	if err != nil {
		h.clearCookie(c)
		return err
	}
	return h.session(c, sess)
}

func (h *AuthHandler) Logout(c echo.Context) error {
	token, err := refreshTokenFrom(c)
	if err != nil {
		return err
	}
	h.clearCookie(c)
	if err := h.Auth.Logout(c.Request().Context(), actor(c), token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// refreshTokenFrom reads the refresh token from the body, else the cookie.
// The body is optional on these routes.
func refreshTokenFrom(c echo.Context) (string, error) {
	if c.Request().ContentLength != 0 {
		var req refreshRequest
		if err := decodeJSON(c, &req); err != nil {
			return "", err
		}
		if req.RefreshToken != "" {
			return req.RefreshToken, nil
		}
	}
	if ck, err := c.Cookie(refreshCookie); err == nil {
		return ck.Value, nil
	}
	return "", nil
}

func (h *AuthHandler) session(c echo.Context, sess *services.Session) error {
	h.setCookie(c, sess)
	return c.JSON(http.StatusOK, sessionResponse{
		AccessToken: sess.AccessToken, TokenType: "Bearer", ExpiresIn: sess.ExpiresIn,
		RefreshToken: sess.RefreshToken, User: toUserResponse(sess.User),
	})
}

func (h *AuthHandler) setCookie(c echo.Context, sess *services.Session) {
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: sess.RefreshToken, Path: refreshCookiePath,
		Expires: sess.RefreshUntil, HttpOnly: true, Secure: h.CookieSecure, SameSite: http.SameSiteStrictMode})
}

func (h *AuthHandler) clearCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: "", Path: refreshCookiePath, MaxAge: -1,
		HttpOnly: true, Secure: h.CookieSecure, SameSite: http.SameSiteStrictMode})
}
