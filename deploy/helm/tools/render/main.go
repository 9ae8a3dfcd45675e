// Command render renders a Helm chart the way `helm template` does, for the template features
// Switchboard's chart uses. It exists because the helm binary cannot be installed where the
// project's CI runs (it is not packaged for Debian, and its installers download from a host that
// is out of reach); Go, text/template and sprig are packaged. It is a stand-in for
// `helm template`, not a replacement: where Helm is available, use Helm (docs/deploy.md).
//
// What it reproduces from Helm 3's engine (pkg/engine, pkg/chartutil):
//   - every file under templates/ parsed into one template set named <chart>/templates/<file>;
//     files whose name starts with "_" define helpers and render nothing; NOTES.txt is rendered
//     (to catch errors) but printed only with -notes;
//   - sprig's text functions without env and expandenv, plus Helm's include, tpl, required,
//     toYaml, fromYaml, fromYamlArray, toJson, fromJson, fromJsonArray and lookup (which, as in
//     `helm template`, finds nothing);
//   - missingkey=zero, with "<no value>" removed from the output;
//   - .Values (values.yaml coalesced with each -f file in order: maps merge deeply, a null
//     removes the key), .Release, .Chart (Chart.yaml with Helm's field names), .Capabilities
//     (KubeVersion, APIVersions.Has) and .Template (Name, BasePath);
//   - output as `helm template` prints it: "---" and "# Source: <chart>/templates/<file>" before
//     each non-empty rendering, in file-name order.
//
// Not reproduced: subcharts, .Files, toToml, schema validation (the repository's test validates
// the coalesced values, printed by -print-values, against values.schema.json), hooks' ordering.
//
// Build offline against Debian's Go packages (golang-go, golang-github-masterminds-sprig-dev,
// golang-k8s-sigs-yaml-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o render ./deploy/helm/tools/render
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig" // Debian installs v3 here; GOPATH mode drops the /v3
	"sigs.k8s.io/yaml"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has tells whether an API version (policy/v1) or a version and kind (policy/v1/PodDisruptionBudget) is served.
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (k KubeVersion) String() string     { return k.Version }
func (k KubeVersion) GitVersion() string { return k.Version }

// The API versions a current cluster serves, as Helm's default capabilities list them, plus the
// External Secrets Operator's, so templates can ask for them with .Capabilities.APIVersions.Has.
var defaultAPIVersions = VersionSet{
	"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1",
	"rbac.authorization.k8s.io/v1", "external-secrets.io/v1beta1", "monitoring.coreos.com/v1",
}

func main() {
	var files valueFiles
	chartDir := flag.String("chart", "", "chart directory")
	name := flag.String("name", "switchboard", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	kube := flag.String("kube-version", "v1.29.0", "Kubernetes version for .Capabilities")
	upgrade := flag.Bool("is-upgrade", false, "render as an upgrade (.Release.IsUpgrade)")
	printValues := flag.Bool("print-values", false, "print the coalesced values as JSON instead of rendering")
	notes := flag.Bool("notes", false, "print NOTES.txt after the manifests")
	flag.Var(&files, "f", "values file (repeatable; later ones win)")
	flag.Parse()
	if *chartDir == "" {
		fail(errors.New("-chart is required"))
	}
	out, err := run(*chartDir, files, *name, *namespace, *kube, *upgrade, *printValues, *notes)
	if err != nil {
		fail(err)
	}
	fmt.Print(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}

func run(chartDir string, files []string, name, namespace, kube string, upgrade, printValues, notes bool) (string, error) {
	chart, err := readYAMLMap(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	chartName, _ := chart["name"].(string)
	if chartName == "" {
		return "", errors.New("Chart.yaml: name is required")
	}
	values, err := readYAMLMap(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, file := range files {
		override, err := readYAMLMap(file)
		if err != nil {
			return "", err
		}
		values = coalesce(values, override)
	}
	if printValues {
		data, err := json.MarshalIndent(values, "", "  ")
		return string(data) + "\n", err
	}
	kv, err := parseKubeVersion(kube)
	if err != nil {
		return "", err
	}
	top := map[string]interface{}{
		"Values": values,
		"Chart":  chartMetadata(chart),
		"Release": map[string]interface{}{
			"Name": name, "Namespace": namespace, "IsInstall": !upgrade, "IsUpgrade": upgrade,
			"Revision": revision(upgrade), "Service": "Helm",
		},
		"Capabilities": map[string]interface{}{
			"KubeVersion": kv, "APIVersions": defaultAPIVersions,
			"HelmVersion": map[string]interface{}{"Version": "v3.16.0"},
		},
	}
	return render(chartDir, chartName, top, notes)
}

func revision(upgrade bool) int {
	if upgrade {
		return 2
	}
	return 1
}

func parseKubeVersion(v string) (KubeVersion, error) {
	trimmed := strings.TrimPrefix(v, "v")
	parts := strings.SplitN(trimmed, ".", 3)
	if len(parts) < 2 {
		return KubeVersion{}, fmt.Errorf("-kube-version %q: expected v<major>.<minor>.<patch>", v)
	}
	return KubeVersion{Version: "v" + trimmed, Major: parts[0], Minor: parts[1]}, nil
}

// chartMetadata gives Chart.yaml's fields the names Helm's Metadata struct has.
func chartMetadata(chart map[string]interface{}) map[string]interface{} {
	meta := map[string]interface{}{}
	for key, value := range chart {
		switch key {
		case "apiVersion":
			meta["APIVersion"] = value
		case "appVersion":
			meta["AppVersion"] = value
		case "kubeVersion":
			meta["KubeVersion"] = value
		default:
			meta[strings.ToUpper(key[:1])+key[1:]] = value
		}
	}
	return meta
}

func readYAMLMap(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if out == nil {
		out = map[string]interface{}{}
	}
	return out, nil
}

// coalesce merges override into base as Helm merges values files: maps deeply, anything else
// replaced, and a null in the override deletes the key.
func coalesce(base, override map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range override {
		if v == nil {
			delete(out, k)
			continue
		}
		baseMap, baseIsMap := out[k].(map[string]interface{})
		overMap, overIsMap := v.(map[string]interface{})
		if baseIsMap && overIsMap {
			out[k] = coalesce(baseMap, overMap)
		} else {
			out[k] = v
		}
	}
	return out
}

const recursionLimit = 1000

func funcMap(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	included := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		included[name]++
		defer func() { included[name]-- }()
		if included[name] > recursionLimit {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		var buf strings.Builder
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err := clone.New("tpl").Option("missingkey=zero").Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	f["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromYamlArray"] = func(s string) []interface{} {
		a := []interface{}{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	f["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromJsonArray"] = func(s string) []interface{} {
		a := []interface{}{}
		if err := json.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	f["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}

func render(chartDir, chartName string, top map[string]interface{}, notes bool) (string, error) {
	templatesDir := filepath.Join(chartDir, "templates")
	var names []string
	err := filepath.Walk(templatesDir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			rel, _ := filepath.Rel(chartDir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)

	root := template.New("gotpl").Option("missingkey=zero")
	root.Funcs(funcMap(root))
	for _, rel := range names {
		data, err := os.ReadFile(filepath.Join(chartDir, rel))
		if err != nil {
			return "", err
		}
		if _, err := root.New(chartName + "/" + rel).Parse(string(data)); err != nil {
			return "", fmt.Errorf("parse error in %s/%s: %w", chartName, rel, err)
		}
	}

	var out strings.Builder
	var notesText string
	for _, rel := range names {
		base := filepath.Base(rel)
		if strings.HasPrefix(base, "_") {
			continue
		}
		full := chartName + "/" + rel
		data := map[string]interface{}{}
		for k, v := range top {
			data[k] = v
		}
		data["Template"] = map[string]interface{}{"Name": full, "BasePath": chartName + "/templates"}
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, full, data); err != nil {
			return "", fmt.Errorf("render error in %s: %w", full, err)
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if base == "NOTES.txt" {
			notesText = text
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", full, strings.TrimSpace(text))
	}
	if notes && notesText != "" {
		fmt.Fprintf(&out, "\nNOTES:\n%s\n", notesText)
	}
	return out.String(), nil
}
