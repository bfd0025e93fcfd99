// Command escoimport imports ESCO from the official CSV download (one zip
// or folder per language plus the relations package, or a folder holding
// them) or from the extract layout, and prints what it loaded.
//
//	go run ./examples/escoimport ~/Downloads/esco
//
// This service uses the ESCO classification of the European Commission.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: escoimport PATH [PATH...]  (folders or zips of the ESCO CSV download)")
		os.Exit(2)
	}
	ctx := context.Background()
	start := time.Now()
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "esco"})
	if err := esco.ReadOfficial(ctx, b, os.Args[1:]...); err != nil {
		log.Fatal(err) // names the file, line and column of bad input
	}
	tx, err := b.Build(taxonomy.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(esco.Attribution)
	fmt.Printf("loaded in %v\n", time.Since(start).Round(time.Millisecond))
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(tx.Stats())
	if r := tx.Report(); r.DroppedRelations > 0 {
		fmt.Printf("dropped %d relations: %v\n", r.DroppedRelations, r.Reasons)
	}
}
