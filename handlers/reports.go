package handlers

import (
	"encoding/csv"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

// ReportHandler serves enrollment reports (JSON and CSV) and diversity goals.
type ReportHandler struct {
	Reports *services.ReportService
}

type stageResponse struct {
	Stage string        `json:"stage"`
	Exit  bool          `json:"exit"`
	Count countResponse `json:"count"`
}

type percentResponse struct {
	Value      *float64 `json:"value"`
	Display    string   `json:"display"`
	Suppressed bool     `json:"suppressed"`
}

type reportScopeResponse struct {
	AllSites bool     `json:"all_sites"`
	SiteIDs  []string `json:"site_ids"`
}

type enrollmentResponse struct {
	Enrolled        countResponse    `json:"enrolled"`
	Target          *int             `json:"target"`
	PercentOfTarget *percentResponse `json:"percent_of_target"`
}

type siteReportResponse struct {
	SiteID          string           `json:"site_id"`
	Name            string           `json:"name"`
	City            string           `json:"city"`
	Country         string           `json:"country"`
	Target          *int             `json:"target"`
	PercentOfTarget *percentResponse `json:"percent_of_target"`
	Funnel          []stageResponse  `json:"funnel"`
}

type weekResponse struct {
	Week       string        `json:"week"`
	WeekStart  models.Date   `json:"week_start"`
	New        countResponse `json:"new"`
	Cumulative countResponse `json:"cumulative"`
}

type reasonResponse struct {
	Reason string        `json:"reason"`
	Count  countResponse `json:"count"`
}

type screenFailuresResponse struct {
	Total   countResponse    `json:"total"`
	Reasons []reasonResponse `json:"reasons"`
}

type timeToEnrollmentResponse struct {
	From        string        `json:"from"`
	MedianDays  *float64      `json:"median_days"`
	Enrollments countResponse `json:"enrollments"`
	Reason      *string       `json:"reason"`
}

type projectionResponse struct {
	Method              string        `json:"method"`
	WindowWeeks         int           `json:"window_weeks"`
	WindowStart         models.Date   `json:"window_start"`
	WindowEnd           models.Date   `json:"window_end"`
	EnrollmentsInWindow countResponse `json:"enrollments_in_window"`
	RatePerWeek         *float64      `json:"rate_per_week"`
	Remaining           *int          `json:"remaining"`
	ProjectedDate       *models.Date  `json:"projected_date"`
	Reason              *string       `json:"reason"`
}

type stratumResponse struct {
	Value       string           `json:"value"`
	Count       countResponse    `json:"count"`
	Percent     *percentResponse `json:"percent"`
	GoalPercent *float64         `json:"goal_percent"`
	GoalMet     *bool            `json:"goal_met"`
}

type diversityResponse struct {
	Dimension string            `json:"dimension"`
	Total     countResponse     `json:"total"`
	Strata    []stratumResponse `json:"strata"`
}

type enrollmentReportResponse struct {
	TrialID            string                   `json:"trial_id"`
	AsOf               models.Date              `json:"as_of"`
	SmallCellThreshold int                      `json:"small_cell_threshold"`
	Scope              reportScopeResponse      `json:"scope"`
	Funnel             []stageResponse          `json:"funnel"`
	Enrollment         enrollmentResponse       `json:"enrollment"`
	Sites              []siteReportResponse     `json:"sites"`
	Weekly             []weekResponse           `json:"weekly"`
	ScreenFailures     screenFailuresResponse   `json:"screen_failures"`
	TimeToEnrollment   timeToEnrollmentResponse `json:"time_to_enrollment"`
	Projection         projectionResponse       `json:"projection"`
	Diversity          []diversityResponse      `json:"diversity"`
}

// reportQuery reads ?as_of=YYYY-MM-DD and ?site_id=.
func reportQuery(c echo.Context) (services.ReportQuery, error) {
	var q services.ReportQuery
	var err error
	if q.AsOf, err = dateQuery(c, "as_of"); err != nil {
		return q, err
	}
	if s := c.QueryParam("site_id"); s != "" {
		id, err := uuid.Parse(s)
		if err != nil {
			return q, apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "invalid", Message: "A site id is a UUID."}})
		}
		q.SiteID = &id
	}
	return q, nil
}

func (h *ReportHandler) report(c echo.Context, export bool) (enrollmentReportResponse, error) {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return enrollmentReportResponse{}, err
	}
	q, err := reportQuery(c)
	if err != nil {
		return enrollmentReportResponse{}, err
	}
	q.Export = export
	r, err := h.Reports.Enrollment(c.Request().Context(), actor(c), id, q)
	if err != nil {
		return enrollmentReportResponse{}, err
	}
	return toReportResponse(r), nil
}

// Enrollment: GET /trials/{id}/reports/enrollment?as_of=&site_id=.
func (h *ReportHandler) Enrollment(c echo.Context) error {
	r, err := h.report(c, false)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// EnrollmentCSV: GET /trials/{id}/reports/enrollment.csv, the same figures
// as one long table (see reportCSVRows), in UTF-8 with a byte-order mark.
func (h *ReportHandler) EnrollmentCSV(c echo.Context) error {
	r, err := h.report(c, true)
	if err != nil {
		return err
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="enrollment-%s-%s.csv"`, r.TrialID, r.AsOf))
	res.WriteHeader(http.StatusOK)
	// A byte-order mark, so that spreadsheet programs read the file as UTF-8
	// (site names, "≥5").
	if _, err := res.Write([]byte("\ufeff")); err != nil {
		return err
	}
	return csv.NewWriter(res).WriteAll(reportCSVRows(r))
}

type diversityGoalBody struct {
	Dimension     string   `json:"dimension"`
	Value         string   `json:"value"`
	TargetPercent *float64 `json:"target_percent"`
}

type diversityGoalsRequest struct {
	Goals []diversityGoalBody `json:"goals" validate:"required"`
}

type diversityGoalResponse struct {
	Dimension     string  `json:"dimension"`
	Value         string  `json:"value"`
	TargetPercent float64 `json:"target_percent"`
}

type diversityGoalsResponse struct {
	Goals []diversityGoalResponse `json:"goals"`
}

func toGoalsResponse(goals []services.DiversityGoal) diversityGoalsResponse {
	out := diversityGoalsResponse{Goals: make([]diversityGoalResponse, len(goals))}
	for i, g := range goals {
		out.Goals[i] = diversityGoalResponse{Dimension: g.Dimension, Value: g.Value, TargetPercent: g.TargetPercent}
	}
	return out
}

// DiversityGoals: GET /trials/{id}/diversity-goals.
func (h *ReportHandler) DiversityGoals(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	goals, err := h.Reports.DiversityGoals(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toGoalsResponse(goals))
}

// SetDiversityGoals: PUT /trials/{id}/diversity-goals, replacing them all.
func (h *ReportHandler) SetDiversityGoals(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req diversityGoalsRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in := make([]services.DiversityGoalInput, len(req.Goals))
	for i, g := range req.Goals {
		in[i] = services.DiversityGoalInput{Dimension: g.Dimension, Value: g.Value, TargetPercent: g.TargetPercent}
	}
	goals, err := h.Reports.SetDiversityGoals(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toGoalsResponse(goals))
}
