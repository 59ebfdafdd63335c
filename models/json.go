package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// JSONMap is a jsonb column holding an object.
type JSONMap map[string]any

func (m JSONMap) Value() (driver.Value, error) {
	if m == nil {
		return "{}", nil
	}
	b, err := json.Marshal(m)
	return string(b), err
}

func (m *JSONMap) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*m = nil
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("cannot scan %T into JSONMap", src)
	}
	return json.Unmarshal(b, m)
}

// JSONStrings is a jsonb object of strings, e.g. a text per language.
type JSONStrings map[string]string

func (m JSONStrings) Value() (driver.Value, error) {
	if m == nil {
		return "{}", nil
	}
	b, err := json.Marshal(m)
	return string(b), err
}

func (m *JSONStrings) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*m = nil
		return nil
	case string:
		return json.Unmarshal([]byte(v), m)
	case []byte:
		return json.Unmarshal(v, m)
	}
	return fmt.Errorf("cannot scan %T into JSONStrings", src)
}
