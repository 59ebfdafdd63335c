package services

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/models"
)

// Notification kinds. Messages name the trial, never a diagnosis.
const (
	NoteInvitation      = "invitation"        // to the volunteer (or guardian)
	NoteTrialMatches    = "trial_matches"     // a new recruiting trial may fit them
	NoteReferralChanged = "referral_changed"  // their application moved on
	NoteVolunteerReply  = "volunteer_replied" // to site staff: accepted or interested
)

// notify queues an e-mail (outbox) and an in-app notification for a user,
// inside the caller's transaction, so that both exist exactly when the event
// does.
func notify(ctx context.Context, tx *gorm.DB, userID uuid.UUID, kind string, payload models.JSONMap) error {
	var u models.User
	if err := tx.WithContext(ctx).Select("id, email, locale").First(&u, "id = ?", userID).Error; err != nil {
		return err
	}
	if err := tx.Create(&models.Notification{UserID: u.ID, Kind: kind, Payload: payload}).Error; err != nil {
		return err
	}
	id := u.ID
	return tx.Omit("ID", "CreatedAt", "NextAttemptAt", "SentAt", "LastError").Create(&models.OutboxMessage{
		Kind: kind, RecipientUserID: &id, ToEmail: u.Email, Locale: u.Locale, Payload: payload}).Error
}

// Mail is one rendered e-mail.
type Mail struct {
	To, Subject, Body string
}

// Mailer delivers a rendered e-mail: over SMTP, or into the development
// mailbox when no SMTP server is configured.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// DevMailbox keeps e-mail in the dev_mailbox table for the admin portal.
type DevMailbox struct{ DB *gorm.DB }

func (d DevMailbox) Send(ctx context.Context, m Mail) error {
	return d.DB.WithContext(ctx).Create(&models.DevMail{ToEmail: m.To, Subject: m.Subject, Body: m.Body}).Error
}

// OutboxSender sends queued e-mail, retrying failures with exponential
// backoff. Rows are claimed with FOR UPDATE SKIP LOCKED and marked sent in
// the same transaction, so several instances never send one twice.
type OutboxSender struct {
	Deps
	// Trials runs pending trial announcements between sends (may be nil).
	Trials  *TrialService
	Mailer  Mailer
	BaseURL string
	// Batch is how many messages one pass sends at most.
	Batch int
}

// backoff is the wait before attempt n+1: 30 s, 1 min, 2 min … capped at 1 h.
func backoff(attempts int) time.Duration {
	d := 30 * time.Second << min(attempts, 7)
	return min(d, time.Hour)
}

// SendDue sends the messages that are due and reports how many went out.
func (s *OutboxSender) SendDue(ctx context.Context) (int, error) {
	batch := s.Batch
	if batch <= 0 {
		batch = 20
	}
	sent := 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var due []models.OutboxMessage
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
			Where("sent_at IS NULL AND next_attempt_at <= ?", s.Now()).Order("id").Limit(batch).Find(&due).Error; err != nil {
			return err
		}
		for _, m := range due {
			mail := renderMail(m, s.BaseURL)
			now := s.Now()
			if err := s.Mailer.Send(ctx, mail); err != nil {
				// The server is likely down: record the failure and leave
				// the rest of the batch for the next pass.
				msg := truncateRunes(err.Error(), 500)
				return tx.Model(&m).Updates(map[string]any{"attempts": m.Attempts + 1,
					"next_attempt_at": now.Add(backoff(m.Attempts)), "last_error": msg}).Error
			}
			if err := tx.Model(&m).Updates(map[string]any{"attempts": m.Attempts + 1, "sent_at": now, "last_error": nil}).Error; err != nil {
				return err
			}
			sent++
		}
		return nil
	})
	return sent, err
}

// Run sends due messages every interval until ctx ends.
func (s *OutboxSender) Run(ctx context.Context, interval time.Duration, logf func(string, ...any)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if s.Trials != nil {
			if _, err := s.Trials.AnnounceDue(ctx); err != nil && ctx.Err() == nil {
				logf("announcements: %v", err)
			}
		}
		if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			logf("outbox: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// mailTexts are the e-mails per kind and language: subject and body with
// {trial} and {link} filled in. They carry no diagnosis and no name.
var mailTexts = map[string]map[string][2]string{
	NoteInvitation: {
		"en": {"An invitation from a clinical trial", "A research team of the trial \"{trial}\" has invited you (or the person whose profile you keep) to learn more about taking part.\n\nRead the invitation and answer it on TrialMatch: {link}\n\nNothing is shared with the team unless you accept."},
		"tr": {"Bir klinik araştırmadan davet", "\"{trial}\" araştırmasının ekibi sizi (ya da profilini yönettiğiniz kişiyi) katılım hakkında bilgi almaya davet etti.\n\nDaveti okuyup TrialMatch üzerinden yanıtlayın: {link}\n\nKabul etmedikçe ekiple hiçbir bilgi paylaşılmaz."},
		"ru": {"Приглашение от клинического исследования", "Команда исследования «{trial}» приглашает вас (или человека, чей профиль вы ведёте) узнать больше об участии.\n\nПрочитайте приглашение и ответьте на него в TrialMatch: {link}\n\nПока вы не согласитесь, команде ничего не передаётся."},
		"kk": {"Клиникалық зерттеуден шақыру", "«{trial}» зерттеуінің тобы сізді (немесе профилін жүргізетін адамды) қатысу туралы көбірек білуге шақырады.\n\nШақыруды оқып, TrialMatch-та жауап беріңіз: {link}\n\nСіз келіспейінше топқа ештеңе берілмейді."},
	},
	NoteTrialMatches: {
		"en": {"A new trial may fit your profile", "The trial \"{trial}\" has started recruiting and may fit a profile you keep on TrialMatch.\n\nSee why, criterion by criterion: {link}"},
		"tr": {"Yeni bir araştırma profilinize uyabilir", "\"{trial}\" araştırması gönüllü almaya başladı ve TrialMatch'teki bir profilinize uyabilir.\n\nNedenini madde madde görün: {link}"},
		"ru": {"Новое исследование может вам подойти", "Исследование «{trial}» начало набор и может подойти профилю, который вы ведёте в TrialMatch.\n\nПочему — по каждому критерию: {link}"},
		"kk": {"Жаңа зерттеу профиліңізге сәйкес келуі мүмкін", "«{trial}» зерттеуі қатысушыларды қабылдай бастады және TrialMatch-тағы профиліңізге сәйкес келуі мүмкін.\n\nНеліктен екенін әр критерий бойынша қараңыз: {link}"},
	},
	NoteReferralChanged: {
		"en": {"Your application has moved on", "Your application to the trial \"{trial}\" is now: {state}.\n\nFollow it on TrialMatch: {link}"},
		"tr": {"Başvurunuzda gelişme var", "\"{trial}\" araştırmasına başvurunuzun durumu: {state}.\n\nTrialMatch üzerinden takip edin: {link}"},
		"ru": {"Ваша заявка продвинулась", "Статус вашей заявки в исследование «{trial}»: {state}.\n\nСледите за ней в TrialMatch: {link}"},
		"kk": {"Өтініміңізде өзгеріс бар", "«{trial}» зерттеуіне өтініміңіздің күйі: {state}.\n\nTrialMatch-та бақылаңыз: {link}"},
	},
	NoteVolunteerReply: {
		"en": {"A volunteer answered", "A volunteer has accepted an invitation to, or expressed interest in, the trial \"{trial}\". Their contact details are now visible to the site's staff.\n\nOpen the pipeline: {link}"},
		"tr": {"Bir gönüllü yanıt verdi", "Bir gönüllü \"{trial}\" araştırmasına daveti kabul etti ya da ilgisini bildirdi. İletişim bilgileri artık merkez ekibine açık.\n\nSüreci açın: {link}"},
		"ru": {"Доброволец ответил", "Доброволец принял приглашение или проявил интерес к исследованию «{trial}». Его контактные данные теперь видны команде центра.\n\nОткройте воронку: {link}"},
		"kk": {"Ерікті жауап берді", "Ерікті «{trial}» зерттеуіне шақыруды қабылдады немесе қызығушылық білдірді. Оның байланыс деректері енді орталық қызметкерлеріне көрінеді.\n\nҮдерісті ашыңыз: {link}"},
	},
}

// stateWords names referral states in e-mails.
var stateWords = map[string]map[string]string{
	"en": {"invited": "invited", "accepted": "accepted", "declined": "declined", "interested": "interest sent", "prescreening": "being pre-screened", "screen_failed": "not going ahead after screening", "eligible": "eligible", "consented": "consent signed", "enrolled": "enrolled", "treated": "treated", "completed": "completed", "withdrawn": "withdrawn"},
	"tr": {"invited": "davet edildi", "accepted": "kabul edildi", "declined": "reddedildi", "interested": "ilgi bildirildi", "prescreening": "ön değerlendirmede", "screen_failed": "tarama sonrası devam edilmiyor", "eligible": "uygun", "consented": "onam imzalandı", "enrolled": "çalışmaya alındı", "treated": "tedavi edildi", "completed": "tamamlandı", "withdrawn": "çekildi"},
	"ru": {"invited": "приглашение", "accepted": "принято", "declined": "отклонено", "interested": "интерес отправлен", "prescreening": "предварительный отбор", "screen_failed": "не продолжено после отбора", "eligible": "подходит", "consented": "согласие подписано", "enrolled": "включён в исследование", "treated": "лечение проведено", "completed": "завершено", "withdrawn": "выбыл"},
	"kk": {"invited": "шақырылды", "accepted": "қабылданды", "declined": "бас тартылды", "interested": "қызығушылық жіберілді", "prescreening": "алдын ала іріктеуде", "screen_failed": "іріктеуден кейін жалғаспайды", "eligible": "сәйкес", "consented": "келісім қол қойылды", "enrolled": "зерттеуге алынды", "treated": "ем алды", "completed": "аяқталды", "withdrawn": "шықты"},
}

func renderMail(m models.OutboxMessage, baseURL string) Mail {
	texts, ok := mailTexts[m.Kind]
	if !ok {
		return Mail{To: m.ToEmail, Subject: "TrialMatch", Body: fmt.Sprintf("%s\n\n%s", m.Kind, baseURL)}
	}
	t, ok := texts[m.Locale]
	if !ok {
		t = texts["en"]
	}
	words := stateWords[m.Locale]
	if words == nil {
		words = stateWords["en"]
	}
	str := func(k string) string { s, _ := m.Payload[k].(string); return s }
	r := strings.NewReplacer("{trial}", str("trial_title"), "{link}", strings.TrimRight(baseURL, "/")+str("path"), "{state}", words[str("state")])
	return Mail{To: m.ToEmail, Subject: "TrialMatch: " + r.Replace(t[0]), Body: r.Replace(t[1])}
}
