package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gorm.io/gorm"
)

type HealthHandler struct {
	DB       *gorm.DB
	Registry *prometheus.Registry
	Info     MetaResponse
}

type MetaResponse struct {
	Version string `json:"version"`
	Demo    bool   `json:"demo"`
	Env     string `json:"env"`
}

type healthResponse struct {
	Status string `json:"status"`
}

// Healthz says the process is up.
func (h *HealthHandler) Healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, healthResponse{Status: "ok"})
}

// Readyz says the database answers; 503 when it does not.
func (h *HealthHandler) Readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	sqlDB, err := h.DB.DB()
	if err == nil {
		err = sqlDB.PingContext(ctx)
	}
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, healthResponse{Status: "database unreachable"})
	}
	return c.JSON(http.StatusOK, healthResponse{Status: "ok"})
}

func (h *HealthHandler) Metrics(c echo.Context) error {
	promhttp.HandlerFor(h.Registry, promhttp.HandlerOpts{}).ServeHTTP(c.Response(), c.Request())
	return nil
}

func (h *HealthHandler) Meta(c echo.Context) error {
	return c.JSON(http.StatusOK, h.Info)
}
