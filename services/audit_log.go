package services

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// AuditFilter narrows the audit trail for an admin.
type AuditFilter struct {
	ActorID     *uuid.UUID
	Action      string
	SubjectType string
	SubjectID   string
	From, To    *time.Time
	Limit       int
	Cursor      string
}

type AuditLogService struct{ Deps }

func (s *AuditLogService) query(ctx context.Context, actor Actor, f AuditFilter) (*gorm.DB, error) {
	if err := requireRole(actor, models.RoleAdmin); err != nil {
		return nil, err
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, apperr.FromFields([]apperr.FieldError{{Field: "to", Code: "before_from", Message: "The end is before the start."}})
	}
	q := s.DB.WithContext(ctx).Model(&models.AuditEvent{})
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.SubjectType != "" {
		q = q.Where("subject_type = ?", f.SubjectType)
	}
	if f.SubjectID != "" {
		q = q.Where("subject_id = ?", f.SubjectID)
	}
	if f.From != nil {
		q = q.Where("occurred_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("occurred_at < ?", *f.To)
	}
	return q, nil
}

type auditCursor struct {
	At time.Time `json:"t"`
	ID int64     `json:"i"`
}

// List pages through audit events, newest first.
func (s *AuditLogService) List(ctx context.Context, actor Actor, f AuditFilter) (Page[models.AuditEvent], error) {
	var page Page[models.AuditEvent]
	limit, err := ClampLimit(f.Limit)
	if err != nil {
		return page, err
	}
	q, err := s.query(ctx, actor, f)
	if err != nil {
		return page, err
	}
	if f.Cursor != "" {
		var c auditCursor
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err == nil {
			err = json.Unmarshal(b, &c)
		}
		if err != nil || c.ID == 0 {
			return page, apperr.FromFields([]apperr.FieldError{{Field: "cursor", Code: "invalid", Message: "The cursor is not one this server gave out."}})
		}
		q = q.Where("(occurred_at, id) < (?, ?)", c.At, c.ID)
	}
	if err := q.Order("occurred_at DESC, id DESC").Limit(limit + 1).Find(&page.Items).Error; err != nil {
		return page, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		b, _ := json.Marshal(auditCursor{At: last.OccurredAt, ID: last.ID})
		next := base64.RawURLEncoding.EncodeToString(b)
		page.NextCursor = &next
	}
	return page, nil
}

// Export streams every matching event, oldest first, to fn, in batches.
func (s *AuditLogService) Export(ctx context.Context, actor Actor, f AuditFilter, fn func(models.AuditEvent) error) error {
	q, err := s.query(ctx, actor, f)
	if err != nil {
		return err
	}
	var batch []models.AuditEvent
	return q.Order("occurred_at, id").FindInBatches(&batch, 1000, func(tx *gorm.DB, _ int) error {
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}).Error
}

// NotificationService is the in-app list of what happened to a user.
type NotificationService struct{ Deps }

func (s *NotificationService) List(ctx context.Context, actor Actor, limit int) ([]models.Notification, int64, error) {
	limit, err := ClampLimit(limit)
	if err != nil {
		return nil, 0, err
	}
	var out []models.Notification
	db := s.DB.WithContext(ctx)
	if err := db.Where("user_id = ?", actor.UserID).Order("created_at DESC, id").Limit(limit).Find(&out).Error; err != nil {
		return nil, 0, err
	}
	var unread int64
	err = db.Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", actor.UserID).Count(&unread).Error
	return out, unread, err
}

func (s *NotificationService) MarkRead(ctx context.Context, actor Actor, id uuid.UUID) error {
	res := s.DB.WithContext(ctx).Model(&models.Notification{}).Where("id = ? AND user_id = ?", id, actor.UserID).
		Where("read_at IS NULL").Update("read_at", s.Now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		var n int64
		s.DB.WithContext(ctx).Model(&models.Notification{}).Where("id = ? AND user_id = ?", id, actor.UserID).Count(&n)
		if n == 0 {
			return apperr.NotFoundf("No such notification.")
		}
	}
	return nil
}

// Mailbox lists the development mailbox (admins; only when no SMTP server is
// configured does mail land there).
func (s *NotificationService) Mailbox(ctx context.Context, actor Actor, limit int) ([]models.DevMail, error) {
	if err := requireRole(actor, models.RoleAdmin); err != nil {
		return nil, err
	}
	limit, err := ClampLimit(limit)
	if err != nil {
		return nil, err
	}
	var out []models.DevMail
	err = s.DB.WithContext(ctx).Order("sent_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}
