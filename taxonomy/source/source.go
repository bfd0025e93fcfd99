// Package source opens a taxonomy from a source specification, the form
// that skillsnav's command line, HTTP server and benchmarks accept:
//
//	starter                   the embedded Skills Navigator starter taxonomy
//	esco:DIR                  ESCO: the extract layout, or an official CSV
//	                          download (a folder or zip, or a folder of them)
//	labels:FILE[,RELATIONS]   a generic labels CSV, with an optional
//	                          relations CSV
package source

import (
	"context"
	"fmt"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/labels"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Default is the source used when none is given.
const Default = "starter"

// Open loads the taxonomy named by spec. See the package documentation for
// the forms of spec.
func Open(ctx context.Context, spec string, cfg taxonomy.Config) (*taxonomy.Taxonomy, error) {
	spec = strings.TrimSpace(spec)
	kind, arg, _ := strings.Cut(spec, ":")
	switch {
	case spec == "" || spec == "starter":
		return starter.Load(cfg)
	case kind == "esco" && arg != "":
		return esco.Load(ctx, arg, cfg)
	case kind == "labels" && arg != "":
		lf, rf, _ := strings.Cut(arg, ",")
		return labels.Load(ctx, lf, rf, cfg)
	}
	return nil, fmt.Errorf("%w: taxonomy source %q: want starter, esco:DIR or labels:FILE[,RELATIONS]", taxonomy.ErrInvalid, spec)
}

// IsESCO reports whether spec names an ESCO source, whose use requires the
// attribution in [esco.Attribution].
func IsESCO(spec string) bool { return strings.HasPrefix(strings.TrimSpace(spec), "esco:") }
