// Command yaml-diff loads YAML files with gopkg.in/yaml.v3, the library Docker Compose (compose-go) reads
// Compose files with, and prints for each file whether yaml.v3 accepts it and the value tree it decodes.
//
// It reads files the way compose-go's loader does: a yaml.Decoder over the whole file, one Decode per
// document until io.EOF (compose-go merges the documents in order), each document decoded into a yaml.Node
// and from there into an interface{}. Any error in any document rejects the file, as in compose-go.
// compose-go's !reset/!override post-processing is Compose semantics, not YAML, and is not reproduced
// here (the product applies it in src/compose/project.ts).
//
// Output: one JSON object, {"<name>": {"ok": bool, "error": string, "documents": [value, ...]}}, where a
// value is null, true/false, a string, {"int": "<decimal>"}, {"float": "<d.ddde<exp>>"}, {"timestamp": "<RFC 3339>"}, an array, or
// {"map": [[key, value], ...]} with pairs sorted by the JSON of the key (Go maps have no order).
//
// Build without network, in GOPATH mode against Debian's golang-gopkg-yaml.v3-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o /tmp/yaml-diff scripts/yaml-diff/main.go
//	/tmp/yaml-diff FILE...
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

type verdict struct {
	OK        bool          `json:"ok"`
	Error     string        `json:"error,omitempty"`
	Documents []interface{} `json:"documents"`
}

func load(source []byte) (v verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = verdict{OK: false, Error: fmt.Sprint("panic: ", r), Documents: []interface{}{}}
		}
	}()
	decoder := yaml.NewDecoder(bytes.NewReader(source))
	documents := []interface{}{}
	for {
		var node yaml.Node
		err := decoder.Decode(&node)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return verdict{OK: false, Error: err.Error(), Documents: []interface{}{}}
		}
		var raw interface{}
		if err := node.Decode(&raw); err != nil {
			return verdict{OK: false, Error: err.Error(), Documents: []interface{}{}}
		}
		documents = append(documents, canonical(raw))
	}
	return verdict{OK: true, Documents: documents}
}

func canonical(value interface{}) interface{} {
	switch v := value.(type) {
	case nil:
		return nil
	case bool:
		return v
	case string:
		return v
	case int:
		return map[string]string{"int": strconv.FormatInt(int64(v), 10)}
	case int64:
		return map[string]string{"int": strconv.FormatInt(v, 10)}
	case uint64:
		return map[string]string{"int": strconv.FormatUint(v, 10)}
	case float64:
		return map[string]string{"float": canonicalFloat(v)}
	case time.Time:
		return map[string]string{"timestamp": v.Format(time.RFC3339Nano)}
	case []interface{}:
		items := make([]interface{}, len(v))
		for i, item := range v {
			items[i] = canonical(item)
		}
		return items
	case map[string]interface{}:
		pairs := make([][2]interface{}, 0, len(v))
		for key, item := range v {
			pairs = append(pairs, [2]interface{}{key, canonical(item)})
		}
		return sortedMap(pairs)
	case map[interface{}]interface{}:
		pairs := make([][2]interface{}, 0, len(v))
		for key, item := range v {
			pairs = append(pairs, [2]interface{}{canonical(key), canonical(item)})
		}
		return sortedMap(pairs)
	default:
		return map[string]string{"other": fmt.Sprintf("%T %v", v, v)}
	}
}

// canonicalFloat writes a float as JavaScript's toExponential() does, with the exponent's "+" dropped,
// so that both sides of the comparison can produce it.
func canonicalFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0 && math.Signbit(f):
		return "-0"
	}
	text := strconv.FormatFloat(f, 'e', -1, 64)
	mantissa, exponent, _ := strings.Cut(text, "e")
	e, _ := strconv.Atoi(exponent)
	return fmt.Sprintf("%se%d", mantissa, e)
}

func sortedMap(pairs [][2]interface{}) map[string]interface{} {
	keyOf := func(p [2]interface{}) string {
		b, _ := json.Marshal(p[0])
		return string(b)
	}
	sort.Slice(pairs, func(i, j int) bool { return keyOf(pairs[i]) < keyOf(pairs[j]) })
	out := make([]interface{}, len(pairs))
	for i, p := range pairs {
		out[i] = []interface{}{p[0], p[1]}
	}
	return map[string]interface{}{"map": out}
}

func main() {
	results := map[string]verdict{}
	for _, path := range os.Args[1:] {
		source, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		results[filepath.ToSlash(path)] = load(source)
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
