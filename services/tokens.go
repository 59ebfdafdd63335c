package services

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// AccessTokenType is the token-type claim of access tokens, so that no other
// token signed with the same key passes as one.
const AccessTokenType = "access"

// AccessClaims are the claims of an access token.
type AccessClaims struct {
	Role      models.Role `json:"role"`
	TokenType string      `json:"typ"`
	jwt.RegisteredClaims
}

// TokenIssuer signs and verifies access tokens (HS256, algorithm pinned).
type TokenIssuer struct {
	Secret   []byte
	Issuer   string
	Audience string
	TTL      time.Duration
	Now      func() time.Time
}

func (t *TokenIssuer) Issue(u models.User) (token string, expiresIn int, err error) {
	now := t.Now()
	claims := AccessClaims{
		Role:      u.Role,
		TokenType: AccessTokenType,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.Issuer,
			Subject:   u.ID.String(),
			Audience:  jwt.ClaimStrings{t.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.TTL)),
			ID:        uuid.NewString(),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.Secret)
	if err != nil {
		return "", 0, fmt.Errorf("sign access token: %w", err)
	}
	return s, int(t.TTL.Seconds()), nil
}

var errInvalidToken = apperr.New(apperr.Unauthorized, "invalid_token", "The access token is missing, expired or invalid.")

// Parse verifies signature, algorithm, issuer, audience, expiry and token type.
func (t *TokenIssuer) Parse(token string) (uuid.UUID, models.Role, error) {
	var claims AccessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return t.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(t.Issuer),
		jwt.WithAudience(t.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.Now),
	)
	if err != nil || claims.TokenType != AccessTokenType {
		return uuid.Nil, "", errInvalidToken
	}
	id, err := uuid.Parse(claims.Subject)
	if err != nil {
		return uuid.Nil, "", errInvalidToken
	}
	return id, claims.Role, nil
}

// newRefreshToken returns a random opaque token and the hash that is stored.
func newRefreshToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashRefreshToken(token), nil
}

func hashRefreshToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

var errTokenReused = errors.New("refresh token reused")
