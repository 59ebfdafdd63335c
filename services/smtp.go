package services

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"
)

// SMTPMailer sends e-mail through an SMTP server given as a URL:
// smtp://user:password@host:587 (STARTTLS when offered), smtps://… (implicit
// TLS), or smtp://host:1025?tls=none for a local test server.
type SMTPMailer struct {
	host     string
	port     int
	tls      mail.TLSPolicy
	ssl      bool
	user     string
	password string
	from     string
}

func NewSMTPMailer(rawURL, from string) (*SMTPMailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("TRIALMATCH_SMTP_URL must look like smtp://user:password@host:587")
	}
	m := &SMTPMailer{host: u.Hostname(), port: 587, tls: mail.TLSOpportunistic, from: from, ssl: u.Scheme == "smtps"}
	if m.ssl {
		m.port = 465
	}
	if p := u.Port(); p != "" {
		if m.port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("TRIALMATCH_SMTP_URL has a bad port")
		}
	}
	switch u.Query().Get("tls") {
	case "none":
		m.tls = mail.NoTLS
	case "required":
		m.tls = mail.TLSMandatory
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.password, _ = u.User.Password()
	}
	return m, nil
}

func (m *SMTPMailer) Send(ctx context.Context, x Mail) error {
	msg := mail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return err
	}
	if err := msg.To(x.To); err != nil {
		return err
	}
	msg.Subject(x.Subject)
	msg.SetBodyString(mail.TypeTextPlain, x.Body)
	opts := []mail.Option{mail.WithPort(m.port), mail.WithTLSPolicy(m.tls), mail.WithTimeout(10 * time.Second)}
	if m.ssl {
		opts = append(opts, mail.WithSSL())
	}
	if m.user != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(m.user), mail.WithPassword(m.password))
	}
	c, err := mail.NewClient(m.host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
