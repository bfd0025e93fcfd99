package benchmarks

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Table writes r as aligned text tables: matching, titles, extraction
// and speed, each baseline beside skillsnav.
func (r *Results) Table(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "suite %s, seed %d, %s, %d cores, %s, %.0f s\n", r.Suite, r.Seed, r.Machine.CPU, r.Machine.Cores, r.Machine.GoVersion, r.Seconds)
	for i, ms := range [][]MatchingScores{r.Matching.Methods, r.Matching.Test} {
		if len(ms) == 0 {
			continue
		}
		fmt.Fprintf(tw, "\nmatching, seed %d (%d profiles × %d vacancies; %d vacancy queries)\t\n", r.Seed+uint64(i), r.Matching.Profiles, r.Matching.Vacancies, r.Matching.VacancyQueries)
		fmt.Fprintln(tw, "method\tkind\tp→v nDCG@10\tMRR\tR@20\tv→p nDCG@10\tMRR\tR@20\t")
		for _, m := range ms {
			a, b := m.ProfileToVacancies, m.VacancyToProfiles
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Method, m.Kind, a.NDCG10, a.MRR, a.Recall20, b.NDCG10, b.MRR, b.Recall20)
		}
	}
	if len(r.Titles.Methods) > 0 {
		fmt.Fprintf(tw, "\ntitle normalisation (%d dev / %d test queries)\t\n", r.Titles.DevQueries, r.Titles.TestQueries)
		fmt.Fprintln(tw, "method\tkind\tMRR dev\ttest\tAcc@1 dev\ttest\tAcc@10 dev\ttest\t")
		for _, m := range r.Titles.Methods {
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Method, m.Kind, m.Dev.MRR, m.Test.MRR, m.Dev.Acc1, m.Test.Acc1, m.Dev.Acc10, m.Test.Acc10)
		}
	}
	if len(r.Extraction.Methods) > 0 {
		fmt.Fprintf(tw, "\nextraction (%d texts per set)\t\n", r.Extraction.Texts)
		fmt.Fprintln(tw, "method\tkind\tthreshold\tP test\tR test\tF1 dev\tF1 test\t")
		for _, m := range r.Extraction.Methods {
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Method, m.Kind, m.Threshold, m.Test.Precision, m.Test.Recall, m.Dev.F1, m.Test.F1)
		}
	}
	if len(r.Speed) > 0 {
		fmt.Fprintln(tw, "\nspeed\t")
		fmt.Fprintln(tw, "task\tmethod\tsize\tvalue\tunit\tp99 ms\theap MB\tspeedup\t")
		for _, s := range r.Speed {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t\n", s.Task, s.Method, orDash(s.Size > 0, "%d", s.Size), s.Value, s.Unit,
				orDash(s.P99 > 0, "%.2f", s.P99), orDash(s.HeapMB > 0, "%.0f", s.HeapMB), orDash(s.Speedup > 0, "%.2f×", s.Speedup))
		}
	}
	return tw.Flush()
}

func orDash(ok bool, format string, v any) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf(format, v)
}
