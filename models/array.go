package models

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
)

// StringArray is a PostgreSQL text[] column.
type StringArray []string

func (a StringArray) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

func (a *StringArray) Scan(src any) error {
	m := pgtype.NewMap()
	var out []string
	var text string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	case []any:
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		*a = out
		return nil
	default:
		return fmt.Errorf("cannot scan %T into StringArray", src)
	}
	if err := m.SQLScanner(&out).Scan(text); err != nil {
		return err
	}
	*a = out
	return nil
}
