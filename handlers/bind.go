package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

var validate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Field errors name the JSON field, not the Go field.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}()

// bindJSON decodes the body strictly into dst (unknown fields, wrong types,
// trailing data and oversized bodies are refused, naming the field) and then
// checks dst's `validate` tags.
func bindJSON(c echo.Context, dst any) error {
	if err := decodeJSON(c, dst); err != nil {
		return err
	}
	return validateStruct(dst)
}

// decodeAny decodes the body like decodeJSON but into a value that takes any
// JSON (a json.RawMessage): for documents whose shape a service checks.
func decodeAny(c echo.Context, dst *json.RawMessage) error { return decodeJSON(c, dst) }

func decodeJSON(c echo.Context, dst any) error {
	req := c.Request()
	if ct := req.Header.Get(echo.HeaderContentType); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			return apperr.New(apperr.BadRequest, "unsupported_media_type", "Send the body as application/json.")
		}
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return apperr.New(apperr.BadRequest, "unreadable_body", "The request body could not be read.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return apperr.New(apperr.BadRequest, "empty_body", "The request needs a JSON body.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return apperr.New(apperr.BadRequest, "malformed_json", "The body has data after the JSON value.")
	}
	return nil
}

// jsonError turns encoding/json's errors into 400s that name the field.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	bad := func(field, code, msg string) error {
		e := apperr.New(apperr.BadRequest, code, msg)
		if field != "" {
			e.Fields = []apperr.FieldError{{Field: field, Code: code, Message: msg}}
		}
		return e
	}
	switch {
	case errors.As(err, &syntax):
		return bad("", "malformed_json", fmt.Sprintf("The body is not valid JSON (at byte %d).", syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bad("", "malformed_json", "The body is not valid JSON (it ends too early).")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return bad(field, "wrong_type", fmt.Sprintf("%s must be %s, not %s.", field, jsonTypeName(typ.Type), typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return bad(field, "unknown_field", fmt.Sprintf("%s is not a field of this request.", field))
	}
	// Errors from a type's own UnmarshalJSON (e.g. a malformed date).
	return bad("", "malformed_json", "The body could not be read: "+err.Error())
}

func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// validateStruct runs the validator and maps its failures to field errors.
func validateStruct(v any) error {
	err := validate.Struct(v)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	fs := make([]apperr.FieldError, 0, len(verrs))
	for _, fe := range verrs {
		// Namespace is "Type.field.sub"; drop the type name.
		_, path, _ := strings.Cut(fe.Namespace(), ".")
		fs = append(fs, apperr.FieldError{Field: path, Code: fe.Tag(), Message: validationMessage(fe)})
	}
	return apperr.FromFields(fs)
}

func validationMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "This field is required."
	case "email":
		return "Enter a valid e-mail address."
	case "oneof":
		return "Use one of: " + strings.ReplaceAll(fe.Param(), " ", ", ") + "."
	case "max":
		return "Too long: at most " + fe.Param() + "."
	case "min":
		return "Too short: at least " + fe.Param() + "."
	case "uuid":
		return "Must be a UUID."
	}
	return "This value is not valid (" + fe.Tag() + ")."
}
