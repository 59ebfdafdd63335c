package services_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// inbox is a real SMTP server in the test process that keeps what arrives.
type inbox struct {
	mu       sync.Mutex
	messages []string
}

func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{inbox: b}, nil }

type smtpSession struct{ inbox *inbox }

func (s *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *smtpSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *smtpSession) Reset()                               {}
func (s *smtpSession) Logout() error                        { return nil }
func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.inbox.mu.Lock()
	s.inbox.messages = append(s.inbox.messages, string(b))
	s.inbox.mu.Unlock()
	return err
}

func (b *inbox) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.messages)
}

func startSMTP(t *testing.T, addr string) (*inbox, *smtp.Server, string) {
	t.Helper()
	box := &inbox{}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	return box, srv, l.Addr().String()
}

func TestOutboxSendsOverSMTPAndSurvivesAnOutage(t *testing.T) {
	db := testdb.New(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	u := models.User{Email: "veli@example.org", PasswordHash: "x", Role: models.RoleVolunteer, Status: models.UserActive, DisplayName: "Veli", Locale: "tr"}
	if err := db.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	msg := models.OutboxMessage{Kind: services.NoteInvitation, RecipientUserID: &u.ID, ToEmail: u.Email, Locale: "tr",
		Payload: models.JSONMap{"trial_title": "CD19 CAR-T for children", "path": "/volunteer/applications"}, NextAttemptAt: now}
	if err := db.Omit("ID", "CreatedAt", "SentAt", "LastError").Create(&msg).Error; err != nil {
		t.Fatal(err)
	}

	// The server is down: the message stays, with a later next attempt.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	mailer, err := services.NewSMTPMailer("smtp://"+addr+"?tls=none", "TrialMatch <no-reply@trialmatch.org>")
	if err != nil {
		t.Fatal(err)
	}
	sender := &services.OutboxSender{Deps: services.Deps{DB: db, Now: clock}, Mailer: mailer, BaseURL: "https://trialmatch.example"}
	sent, err := sender.SendDue(context.Background())
	if err != nil || sent != 0 {
		t.Fatalf("sent %d while down: %v", sent, err)
	}
	var stored models.OutboxMessage
	db.First(&stored, msg.ID)
	if stored.SentAt != nil || stored.Attempts != 1 || stored.LastError == nil || !stored.NextAttemptAt.After(now) {
		t.Fatalf("after a failed attempt: %+v", stored)
	}

	// Back up on the same address; before the backoff ends nothing is tried.
	box, srv, _ := startSMTP(t, addr)
	defer srv.Close()
	if sent, _ := sender.SendDue(context.Background()); sent != 0 {
		t.Fatal("sent before the backoff ended")
	}
	now = now.Add(time.Minute)
	if sent, err := sender.SendDue(context.Background()); err != nil || sent != 1 {
		t.Fatalf("sent %d after the outage: %v", sent, err)
	}
	if sent, _ := sender.SendDue(context.Background()); sent != 0 || box.count() != 1 {
		t.Fatalf("a message went out twice (%d received)", box.count())
	}
	m, err := mail.ReadMessage(strings.NewReader(box.messages[0]))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if m.Header.Get("To") != "<veli@example.org>" || subject != "TrialMatch: Bir klinik araştırmadan davet" {
		t.Errorf("headers: to %q, subject %q", m.Header.Get("To"), subject)
	}
	for _, want := range []string{"CD19 CAR-T for children", "davet etti", "https://trialmatch.example/volunteer/applications"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("message lacks %q:\n%s", want, body)
		}
	}
	for _, never := range []string{"lösemi", "leuk", "b_all", "Veli"} {
		if strings.Contains(strings.ToLower(string(body)), strings.ToLower(never)) {
			t.Errorf("the e-mail carries %q", never)
		}
	}
}
