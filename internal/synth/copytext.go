package synth

import (
	"bytes"
	"context"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// copyTable collects rows of one table in PostgreSQL's COPY text format.
type copyTable struct {
	name    string
	columns []string
	buf     bytes.Buffer
}

func (t *copyTable) statement() string {
	return "COPY " + t.name + " (" + strings.Join(t.columns, ", ") + ") FROM STDIN"
}

// row appends one row; values are encoded as gorm would bind them (a
// driver.Valuer's Value, nil pointers as NULL).
func (t *copyTable) row(values ...any) error {
	if len(values) != len(t.columns) {
		return fmt.Errorf("synth: %s: %d values for %d columns", t.name, len(values), len(t.columns))
	}
	for i, v := range values {
		if i > 0 {
			t.buf.WriteByte('\t')
		}
		if err := writeValue(&t.buf, v); err != nil {
			return fmt.Errorf("synth: %s.%s: %w", t.name, t.columns[i], err)
		}
	}
	t.buf.WriteByte('\n')
	return nil
}

var copyEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

func writeValue(b *bytes.Buffer, v any) error {
	if v == nil {
		b.WriteString(`\N`)
		return nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			b.WriteString(`\N`)
			return nil
		}
		if _, ok := v.(driver.Valuer); !ok {
			return writeValue(b, rv.Elem().Interface())
		}
	}
	switch x := v.(type) {
	case string:
		copyEscaper.WriteString(b, x)
	case []byte:
		copyEscaper.WriteString(b, string(x))
	case bool:
		b.WriteString(map[bool]string{true: "t", false: "f"}[x])
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case time.Time:
		b.WriteString(x.UTC().Format("2006-01-02 15:04:05.999999Z07:00"))
	case uuid.UUID:
		b.WriteString(x.String())
	case driver.Valuer:
		dv, err := x.Value()
		if err != nil {
			return err
		}
		return writeValue(b, dv)
	default:
		return fmt.Errorf("cannot encode %T", v)
	}
	return nil
}

// modelColumns are a gorm model's columns and a function that lists a
// value's fields in their order: the columns gorm's Create would write.
type modelColumns struct {
	columns []string
	fields  []*schema.Field
}

func columnsOf(db *gorm.DB, model any) (*modelColumns, error) {
	s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
	if err != nil {
		return nil, err
	}
	mc := &modelColumns{}
	for _, f := range s.Fields {
		if f.DBName != "" && f.Creatable {
			mc.columns = append(mc.columns, f.DBName)
			mc.fields = append(mc.fields, f)
		}
	}
	return mc, nil
}

func (mc *modelColumns) values(ctx context.Context, model any) []any {
	rv := reflect.ValueOf(model)
	out := make([]any, len(mc.fields))
	for i, f := range mc.fields {
		out[i], _ = f.ValueOf(ctx, rv)
	}
	return out
}
