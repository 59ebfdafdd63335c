package handlers

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type NotificationHandler struct {
	Notifications *services.NotificationService
	AuditLog      *services.AuditLogService
}

type notificationResponse struct {
	ID        string         `json:"id"`
	Kind      string         `json:"kind"`
	Payload   models.JSONMap `json:"payload"`
	CreatedAt time.Time      `json:"created_at"`
	ReadAt    *time.Time     `json:"read_at"`
}

type notificationList struct {
	Items      []notificationResponse `json:"items"`
	Unread     int64                  `json:"unread"`
	NextCursor *string                `json:"next_cursor"`
}

func (h *NotificationHandler) List(c echo.Context) error {
	limit, err := intQuery(c, "limit")
	if err != nil {
		return err
	}
	ns, unread, err := h.Notifications.List(c.Request().Context(), actor(c), limit)
	if err != nil {
		return err
	}
	out := notificationList{Items: make([]notificationResponse, len(ns)), Unread: unread}
	for i, n := range ns {
		out.Items[i] = notificationResponse{ID: n.ID.String(), Kind: n.Kind, Payload: n.Payload, CreatedAt: n.CreatedAt.UTC(), ReadAt: n.ReadAt}
	}
	return c.JSON(http.StatusOK, out)
}

func (h *NotificationHandler) MarkRead(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Notifications.MarkRead(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type mailResponse struct {
	ID      int64     `json:"id"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	SentAt  time.Time `json:"sent_at"`
}

type mailList struct {
	Items      []mailResponse `json:"items"`
	NextCursor *string        `json:"next_cursor"`
}

// Mailbox: GET /admin/mailbox, the development mailbox.
func (h *NotificationHandler) Mailbox(c echo.Context) error {
	limit, err := intQuery(c, "limit")
	if err != nil {
		return err
	}
	ms, err := h.Notifications.Mailbox(c.Request().Context(), actor(c), limit)
	if err != nil {
		return err
	}
	out := mailList{Items: make([]mailResponse, len(ms))}
	for i, m := range ms {
		out.Items[i] = mailResponse{ID: m.ID, To: m.ToEmail, Subject: m.Subject, Body: m.Body, SentAt: m.SentAt.UTC()}
	}
	return c.JSON(http.StatusOK, out)
}

type auditEventResponse struct {
	ID          int64          `json:"id"`
	OccurredAt  time.Time      `json:"occurred_at"`
	ActorID     *string        `json:"actor_id"`
	ActorRole   *string        `json:"actor_role"`
	Action      string         `json:"action"`
	SubjectType string         `json:"subject_type"`
	SubjectID   *string        `json:"subject_id"`
	RequestID   *string        `json:"request_id"`
	Details     models.JSONMap `json:"details"`
}

type auditPage struct {
	Items      []auditEventResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
}

func toAuditResponse(e models.AuditEvent) auditEventResponse {
	out := auditEventResponse{ID: e.ID, OccurredAt: e.OccurredAt.UTC(), ActorRole: e.ActorRole, Action: e.Action,
		SubjectType: e.SubjectType, SubjectID: e.SubjectID, RequestID: e.RequestID, Details: e.Details}
	if e.ActorID != nil {
		s := e.ActorID.String()
		out.ActorID = &s
	}
	if out.Details == nil {
		out.Details = models.JSONMap{}
	}
	return out
}

func auditFilter(c echo.Context) (services.AuditFilter, error) {
	f := services.AuditFilter{Action: c.QueryParam("action"), SubjectType: c.QueryParam("subject_type"), SubjectID: c.QueryParam("subject_id"), Cursor: c.QueryParam("cursor")}
	var fs apperr.Fields
	if s := c.QueryParam("actor_id"); s != "" {
		id, err := uuid.Parse(s)
		if err != nil {
			fs.Add("actor_id", "invalid", "Must be a UUID.")
		}
		f.ActorID = &id
	}
	for name, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
		if s := c.QueryParam(name); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				d, derr := models.ParseDate(s)
				if derr != nil {
					fs.Add(name, "invalid", "Use a date (2026-11-22) or an RFC 3339 time.")
					continue
				}
				t = d.Time()
			}
			*dst = &t
		}
	}
	limit, err := intQuery(c, "limit")
	if err != nil {
		return f, err
	}
	f.Limit = limit
	return f, fs.Err()
}

// AuditEvents: GET /admin/audit-events, newest first.
func (h *NotificationHandler) AuditEvents(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	page, err := h.AuditLog.List(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	out := auditPage{Items: make([]auditEventResponse, len(page.Items)), NextCursor: page.NextCursor}
	for i, e := range page.Items {
		out.Items[i] = toAuditResponse(e)
	}
	return c.JSON(http.StatusOK, out)
}

// AuditCSV: GET /admin/audit-events.csv, every matching event, oldest first.
func (h *NotificationHandler) AuditCSV(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	if _, err := h.AuditLog.List(c.Request().Context(), actor(c), services.AuditFilter{Limit: 1}); err != nil {
		return err // not an admin: refuse before any byte is written
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set("Content-Disposition", `attachment; filename="audit-events.csv"`)
	res.WriteHeader(http.StatusOK)
	w := csv.NewWriter(res)
	_ = w.Write([]string{"id", "occurred_at", "actor_id", "actor_role", "action", "subject_type", "subject_id", "request_id", "details"})
	err = h.AuditLog.Export(c.Request().Context(), actor(c), f, func(e models.AuditEvent) error {
		r := toAuditResponse(e)
		details, _ := models.JSONMap(r.Details).Value()
		return w.Write([]string{strconv.FormatInt(r.ID, 10), r.OccurredAt.Format(time.RFC3339Nano), deref(r.ActorID), deref(r.ActorRole),
			r.Action, r.SubjectType, deref(r.SubjectID), deref(r.RequestID), details.(string)})
	})
	w.Flush()
	return err
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
