package services

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// TrialCatalog keeps the open trials (recruiting or paused) decoded in
// memory: their views, criteria and sites. Every call checks the catalog's
// version (one primary-key read of trial_catalog_version, which triggers
// bump on any change to trials, sites or sponsors), so a change made by any
// process is seen on the next call.
type TrialCatalog struct {
	Deps
	Trials *TrialService
	Facts  *FactsService

	cached  atomic.Pointer[catalog]
	loading sync.Mutex
}

type catalog struct {
	version int64
	trials  []catalogTrial
	byID    map[uuid.UUID]*catalogTrial
}

// catalogTrial is one open trial as the engine judges it.
type catalogTrial struct {
	view     TrialView
	criteria []eligibility.Criterion
	sites    []eligibility.Site
	// inputs fingerprints what a ranking of this trial depends on besides
	// the date: the criteria and the sites (rankingInputs).
	inputs string
}

func (c *TrialCatalog) version(ctx context.Context) (int64, error) {
	var v int64
	err := c.DB.WithContext(ctx).Raw("SELECT version FROM trial_catalog_version").Row().Scan(&v)
	return v, err
}

// current returns the catalog as of now, loading it again when the version
// moved. A load that raced with a change is used once but not kept.
func (c *TrialCatalog) current(ctx context.Context) (*catalog, error) {
	v, err := c.version(ctx)
	if err != nil {
		return nil, err
	}
	if cur := c.cached.Load(); cur != nil && cur.version == v {
		return cur, nil
	}
	c.loading.Lock()
	defer c.loading.Unlock()
	if cur := c.cached.Load(); cur != nil && cur.version == v {
		return cur, nil
	}
	loaded, err := c.load(ctx)
	if err != nil {
		return nil, err
	}
	after, err := c.version(ctx)
	if err != nil {
		return nil, err
	}
	loaded.version = v
	if after == v {
		c.cached.Store(loaded)
	}
	return loaded, nil
}

// load decodes the open trials. Trials whose stored criteria no longer
// decode (a taxonomy change) are left out rather than failing every caller.
func (c *TrialCatalog) load(ctx context.Context) (*catalog, error) {
	var trials []models.Trial
	if err := c.DB.WithContext(ctx).Where("status IN ?", []models.TrialStatus{models.TrialRecruiting, models.TrialPaused}).
		Order("created_at, id").Find(&trials).Error; err != nil {
		return nil, err
	}
	views, err := c.Trials.views(ctx, trials, false)
	if err != nil {
		return nil, err
	}
	tax, err := c.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return nil, err
	}
	out := &catalog{trials: make([]catalogTrial, 0, len(views)), byID: make(map[uuid.UUID]*catalogTrial, len(views))}
	for _, v := range views {
		criteria, err := eligibility.DecodeCriteria(v.Trial.Criteria, tax)
		if err != nil {
			continue
		}
		sites := engineSites(v.Sites)
		inputs, err := rankingInputs(v.Trial.Criteria, sites)
		if err != nil {
			continue
		}
		out.trials = append(out.trials, catalogTrial{view: v, criteria: criteria, sites: sites, inputs: inputs})
	}
	for i := range out.trials {
		out.byID[out.trials[i].view.Trial.ID] = &out.trials[i]
	}
	return out, nil
}

// rankingInputs fingerprints criteria and sites: the same criteria written
// with other spacing or key order give the same value.
func rankingInputs(rawCriteria json.RawMessage, sites []eligibility.Site) (string, error) {
	var criteria any
	if err := json.Unmarshal(rawCriteria, &criteria); err != nil {
		return "", fmt.Errorf("ranking inputs: %w", err)
	}
	canonical, err := json.Marshal(struct {
		Criteria any                `json:"criteria"`
		Sites    []eligibility.Site `json:"sites"`
	}{criteria, sites})
	if err != nil {
		return "", fmt.Errorf("ranking inputs: %w", err)
	}
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:]), nil
}
