package benchmarks

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var (
	colSkillsnav = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	colBaseline  = color.RGBA{R: 0xaa, G: 0xaa, B: 0xaa, A: 0xff}
	colAblation  = color.RGBA{R: 0x9e, G: 0xc9, B: 0xe6, A: 0xff}
	colSecond    = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
)

func kindColor(kind string) color.Color {
	switch kind {
	case KindSkillsnav:
		return colSkillsnav
	case KindAblation:
		return colAblation
	}
	return colBaseline
}

// Plot writes the plots of r into dir, each as SVG and PNG:
// quality.{svg,png} (nDCG@10 per method, both matching directions),
// latency.{svg,png} (p99 latency against corpus size, skillsnav and the
// Bleve baseline) and histogram.{svg,png} (skillsnav's latencies at the
// largest size).
func (r *Results) Plot(dir string) error {
	if len(r.Matching.Methods) > 0 {
		if err := r.plotQuality(dir); err != nil {
			return fmt.Errorf("quality plot: %w", err)
		}
	}
	if err := r.plotLatency(dir); err != nil {
		return fmt.Errorf("latency plot: %w", err)
	}
	if len(r.Latencies) > 0 {
		if err := r.plotHistogram(dir); err != nil {
			return fmt.Errorf("histogram: %w", err)
		}
	}
	return nil
}

func save(p *plot.Plot, w, h vg.Length, dir, name string) error {
	for _, ext := range []string{".svg", ".png"} {
		if err := p.Save(w, h, filepath.Join(dir, name+ext)); err != nil {
			return err
		}
	}
	return nil
}

func (r *Results) plotQuality(dir string) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Matching quality (ESCO-derived set, seed %d)", r.Seed)
	p.Y.Label.Text = "nDCG@10"
	p.Y.Min, p.Y.Max = 0, 1
	var names []string
	var pv, vp plotter.Values
	for _, m := range r.Matching.Methods {
		names = append(names, m.Method)
		pv = append(pv, m.ProfileToVacancies.NDCG10)
		vp = append(vp, m.VacancyToProfiles.NDCG10)
	}
	w := vg.Points(14)
	b1, err := plotter.NewBarChart(pv, w)
	if err != nil {
		return err
	}
	b1.Color = colSkillsnav
	b1.Offset = -w / 2
	b2, err := plotter.NewBarChart(vp, w)
	if err != nil {
		return err
	}
	b2.Color = colSecond
	b2.Offset = w / 2
	p.Add(b1, b2, plotter.NewGrid())
	p.Legend.Add("profile → vacancies", b1)
	p.Legend.Add("vacancy → profiles", b2)
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 6
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YTop
	return save(p, 26*vg.Centimeter, 16*vg.Centimeter, dir, "quality")
}

func (r *Results) plotLatency(dir string) error {
	p := plot.New()
	p.Title.Text = "Profile → top 20 vacancies: p99 latency against corpus size"
	p.X.Label.Text = "vacancies"
	p.Y.Label.Text = "p99 latency (ms)"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	series := map[string]plotter.XYs{}
	kinds := map[string]string{}
	var order []string
	for _, s := range r.Speed {
		if s.P99 == 0 || s.Size == 0 || !strings.HasPrefix(s.Task, "profile → top 20 vacancies") {
			continue
		}
		name := s.Method
		if strings.Contains(s.Task, "varying") {
			name += " (skills varying per vacancy)"
		}
		if _, ok := series[name]; !ok {
			order = append(order, name)
			kinds[name] = s.Kind
		}
		series[name] = append(series[name], plotter.XY{X: float64(s.Size), Y: s.P99})
	}
	if len(order) == 0 {
		return nil
	}
	for _, name := range order {
		l, pts, err := plotterNewLinePoints(series[name])
		if err != nil {
			return err
		}
		l.Color, pts.Color = kindColor(kinds[name]), kindColor(kinds[name])
		if strings.Contains(name, "varying") {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		if strings.HasPrefix(name, methodOne) {
			l.Width = vg.Points(0.75)
		}
		p.Add(l, pts)
		p.Legend.Add(name, l, pts)
	}
	p.Add(plotter.NewGrid())
	p.Legend.Top, p.Legend.Left = true, true
	return save(p, 18*vg.Centimeter, 12*vg.Centimeter, dir, "latency")
}

func plotterNewLinePoints(xys plotter.XYs) (*plotter.Line, *plotter.Scatter, error) {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, nil, err
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, nil, err
	}
	l.Width = vg.Points(1.5)
	return l, s, nil
}

func (r *Results) plotHistogram(dir string) error {
	p := plot.New()
	size := 0
	for _, s := range r.Speed {
		if s.Kind == KindSkillsnav && s.P99 > 0 {
			size = max(size, s.Size)
		}
	}
	p.Title.Text = fmt.Sprintf("skillsnav profile → top 20 vacancies, %d vacancies: latency", size)
	p.X.Label.Text = "latency (ms)"
	p.Y.Label.Text = "queries"
	vals := make(plotter.Values, len(r.Latencies))
	for i, us := range r.Latencies {
		vals[i] = us / 1000
	}
	h, err := plotter.NewHist(vals, 40)
	if err != nil {
		return err
	}
	h.FillColor = colSkillsnav
	p.Add(h)
	return save(p, 16*vg.Centimeter, 10*vg.Centimeter, dir, "histogram")
}
