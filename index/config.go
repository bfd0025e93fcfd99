package index

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// ErrInvalidConfig is wrapped by [Config.Validate] errors.
var ErrInvalidConfig = errors.New("index: invalid config")

// Config configures an [Index].
type Config struct {
	// Dir is the data directory. It holds one bbolt file and one Bleve
	// index per record kind. Empty keeps everything in memory.
	Dir string
	// Taxonomy provides the analysis chains of the text fields (so that
	// compounds split the same way as in extraction). Nil uses the
	// built-in chains. Opening an index built with another taxonomy
	// rebuilds its Bleve part.
	Taxonomy *taxonomy.Taxonomy
	// Extractor derives skills and occupations from text when a record
	// has none. Nil disables derivation.
	Extractor *extract.Extractor
	// Gazetteer resolves places. Default: [geo.Default].
	Gazetteer *geo.Gazetteer
	// BatchSize is the number of records per transaction and Bleve batch
	// during import. Default 1000.
	BatchSize int
	// MinTitleScore is the lowest title-normalisation score for which an
	// occupation is derived from a vacancy's title. Default 0.5.
	MinTitleScore float64
	// PurgeDelay is how long after a profile is deleted its bytes are
	// purged from disk (segment merge and store compaction); deletions
	// within the delay share one purge. Default 2s. Negative: purge only
	// on [Index.Purge].
	PurgeDelay time.Duration
	// Logger receives operational messages (never record contents).
	// Default: slog.Default().
	Logger *slog.Logger
	// Now returns the current time. Default time.Now.
	Now func() time.Time
}

// DefaultConfig returns a configuration that keeps everything in memory.
func DefaultConfig() Config {
	return Config{BatchSize: 1000, MinTitleScore: 0.5, PurgeDelay: 2 * time.Second}
}

// Validate reports whether c is usable. Zero values of optional fields
// are filled with defaults by [Open], not reported.
func (c Config) Validate() error {
	switch {
	case c.BatchSize < 0 || c.BatchSize > 100_000:
		return fmt.Errorf("%w: BatchSize %d is not between 1 and 100000", ErrInvalidConfig, c.BatchSize)
	case c.MinTitleScore < 0 || c.MinTitleScore > 1:
		return fmt.Errorf("%w: MinTitleScore %v is not between 0 and 1", ErrInvalidConfig, c.MinTitleScore)
	case c.Extractor != nil && c.Taxonomy != nil && c.Extractor.Taxonomy() != c.Taxonomy:
		return fmt.Errorf("%w: Extractor was built on another taxonomy than Taxonomy", ErrInvalidConfig)
	}
	return nil
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.BatchSize == 0 {
		c.BatchSize = d.BatchSize
	}
	if c.MinTitleScore == 0 {
		c.MinTitleScore = d.MinTitleScore
	}
	if c.PurgeDelay == 0 {
		c.PurgeDelay = d.PurgeDelay
	}
	if c.Gazetteer == nil {
		c.Gazetteer = geo.Default()
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Taxonomy == nil && c.Extractor != nil {
		c.Taxonomy = c.Extractor.Taxonomy()
	}
	return c
}
