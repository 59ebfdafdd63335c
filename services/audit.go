package services

import (
	"context"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
)

// Audit actions. Details must never carry names, contact details, dates of
// birth or diagnoses: ids and codes only.
const (
	AuditLogin            = "auth.login"
	AuditLoginFailed      = "auth.login_failed"
	AuditRegister         = "auth.register"
	AuditLogout           = "auth.logout"
	AuditTokenReuse       = "auth.refresh_token_reused"
	AuditUserApproved     = "admin.user_approved"
	AuditProfileRead      = "volunteer.profile_read"
	AuditConsentGranted   = "consent.granted"
	AuditConsentWithdrawn = "consent.withdrawn"
	AuditDataExported     = "account.exported"
	AuditAccountDeleted   = "account.deleted"
	AuditVolunteerDeleted = "volunteer.deleted"
	AuditSiteStaffAdded   = "trial.site_staff_added"
	AuditTrialImported    = "trial.imported"
	AuditEthicsRecorded   = "trial.ethics_recorded"
	AuditReferralMoved    = "referral.transition"
	AuditIdentityRead     = "referral.identity_read"
)

// writeAudit appends an audit event inside tx (or the plain DB).
func writeAudit(ctx context.Context, tx *gorm.DB, actor Actor, action, subjectType, subjectID string, details models.JSONMap) error {
	ev := models.AuditEvent{
		Action:      action,
		SubjectType: subjectType,
		Details:     details,
	}
	if actor.Signed() {
		id := actor.UserID
		role := string(actor.Role)
		ev.ActorID, ev.ActorRole = &id, &role
	}
	if subjectID != "" {
		ev.SubjectID = &subjectID
	}
	if actor.RequestID != "" {
		ev.RequestID = &actor.RequestID
	}
	return tx.WithContext(ctx).Omit("ID", "OccurredAt").Create(&ev).Error
}
