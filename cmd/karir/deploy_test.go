package main

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The recipes of deploy/ cannot run here (no Docker daemon, no cluster).
// These tests check offline what can be checked: every file parses; every
// variable a karir container gets is one `karir serve --help` names, and
// serve accepts its value; every probe's path is served; every image is
// karir's release image or one of thirdPartyImages; and the pieces name
// each other right (hosts, ports, selectors, secrets). docs/deploy.md walks
// through the rest.

var deployDir = filepath.Join("..", "..", "deploy")

// thirdPartyImages are the images of deploy/ that are not karir's.
var thirdPartyImages = []string{"postgres:17", "nginx:1.27-alpine"}

// karirImage is the image deploy/ runs: make image's IMAGE, tagged with the
// latest release of CHANGELOG.md.
func karirImage(t *testing.T) string {
	t.Helper()
	makefile, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	require.NoError(t, err)
	image := regexp.MustCompile(`(?m)^IMAGE \?= (\S+)$`).FindSubmatch(makefile)
	require.NotNil(t, image, "the Makefile sets IMAGE")
	changelog, err := os.ReadFile(filepath.Join("..", "..", "CHANGELOG.md"))
	require.NoError(t, err)
	release := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\]`).FindSubmatch(changelog)
	require.NotNil(t, release, "CHANGELOG.md names a release")
	return string(image[1]) + ":v" + string(release[1])
}

// readYAML decodes every document of a file of deploy/.
func readYAML(t *testing.T, name string) []*yaml.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(deployDir, name))
	require.NoError(t, err)
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return docs
		} else {
			require.NoError(t, err, name)
		}
		docs = append(docs, &doc)
	}
}

func decode[T any](t *testing.T, node *yaml.Node) T {
	t.Helper()
	var v T
	require.NoError(t, node.Decode(&v))
	return v
}

// assertServeLoads checks that karir serve names every variable of env and
// accepts their values.
func assertServeLoads(t *testing.T, where string, env map[string]string) {
	t.Helper()
	var help bytes.Buffer
	require.NoError(t, serveHelp(&help))
	named := map[string]bool{}
	for _, word := range regexp.MustCompile(`\b[A-Z][A-Z0-9_]+\b`).FindAllString(help.String(), -1) {
		named[word] = true
	}
	for name := range env {
		assert.True(t, named[name], "%s sets %s, which karir serve --help does not name", where, name)
	}
	_, err := loadConfig(func(k string) string { return env[k] })
	assert.NoError(t, err, where)
}

// assertServed checks that a karir server answers 200 on every path.
func assertServed(t *testing.T, paths []string) {
	t.Helper()
	db.Reset(t)
	addr, _, stop := startServe(t, env(map[string]string{"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0"}))
	for _, path := range paths {
		resp, err := http.Get("http://" + addr + path)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	require.NoError(t, stop())
}

// urlHost is the host a database URL names.
func urlHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Hostname()
}

// listenPort is the port of a KARIR_ADDR, serve's default when unset.
func listenPort(t *testing.T, addr string) int {
	t.Helper()
	if addr == "" {
		addr = defaultAddr
	}
	_, port, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	n, err := strconv.Atoi(port)
	require.NoError(t, err)
	return n
}

type composeService struct {
	Image       string
	Command     []string
	Environment map[string]string
	DependsOn   map[string]any `yaml:"depends_on"`
}

func TestDeployCompose(t *testing.T) {
	image := karirImage(t)
	compose := decode[struct{ Services map[string]composeService }](t, readYAML(t, "compose/compose.yaml")[0])
	services := compose.Services
	servers := map[string]composeService{}
	for name, svc := range services {
		for dep := range svc.DependsOn {
			assert.Contains(t, services, dep, "%s depends on a service compose.yaml does not have", name)
		}
		if svc.Image != image {
			assert.Contains(t, thirdPartyImages, svc.Image, name)
			continue
		}
		assertServeLoads(t, name, svc.Environment)
		for _, v := range []string{"DATABASE_URL", "KARIR_READ_DATABASE_URL"} {
			if u := svc.Environment[v]; u != "" {
				assert.Contains(t, services, urlHost(t, u), "%s: %s names no service", name, v)
			}
		}
		if len(svc.Command) == 0 {
			servers[name] = svc
		}
	}
	readers := 0
	for _, svc := range servers {
		if svc.Environment["KARIR_READ_DATABASE_URL"] != "" {
			readers++
		}
	}
	assert.Len(t, servers, 2, "two karir servers")
	assert.Equal(t, 1, readers, "one of them reads from the standby")

	// nginx sends to every server, at the port it listens on.
	conf, err := os.ReadFile(filepath.Join(deployDir, "compose", "nginx.conf"))
	require.NoError(t, err)
	upstream := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^\s*server (\S+):(\d+)`).FindAllStringSubmatch(string(conf), -1) {
		upstream[m[1]], _ = strconv.Atoi(m[2])
	}
	want := map[string]int{}
	for name, svc := range servers {
		want[name] = listenPort(t, svc.Environment["KARIR_ADDR"])
	}
	assert.Equal(t, want, upstream)
}

// kustomization is what a kustomize build of a folder of deploy/ reads:
// its objects, and the variables of its generated ConfigMaps and Secrets
// by name. Every YAML file of the folder must be part of it.
type kustomization struct {
	objects    []*yaml.Node
	generated  map[string]map[string]string
	containers map[string]podContainer
}

type generator struct {
	Name     string
	Literals []string
}

func loadKustomization(t *testing.T, dir string) *kustomization {
	t.Helper()
	k := &kustomization{generated: map[string]map[string]string{}, containers: map[string]podContainer{}}
	k.load(t, dir)
	return k
}

func (k *kustomization) load(t *testing.T, dir string) {
	t.Helper()
	kust := decode[struct {
		Resources, Components []string
		ConfigMapGenerator    []generator `yaml:"configMapGenerator"`
		SecretGenerator       []generator `yaml:"secretGenerator"`
	}](t, readYAML(t, filepath.Join(dir, "kustomization.yaml"))[0])
	files, err := filepath.Glob(filepath.Join(deployDir, dir, "*.yaml"))
	require.NoError(t, err)
	for _, f := range files {
		if name := filepath.Base(f); name != "kustomization.yaml" {
			assert.Contains(t, kust.Resources, name, "%s/%s is in no kustomization", dir, name)
		}
	}
	for _, c := range kust.Components {
		k.load(t, filepath.Join(dir, c))
	}
	for _, r := range kust.Resources {
		for _, doc := range readYAML(t, filepath.Join(dir, r)) {
			k.objects = append(k.objects, doc)
			k.addContainers(t, dir+"/"+r, doc)
		}
	}
	for _, g := range slices.Concat(kust.ConfigMapGenerator, kust.SecretGenerator) {
		vars := map[string]string{}
		for _, lit := range g.Literals {
			name, value, ok := strings.Cut(lit, "=")
			require.True(t, ok, "%s: %q is no NAME=VALUE", dir, lit)
			vars[name] = value
		}
		k.generated[g.Name] = vars
	}
}

type podContainer struct {
	Name, Image string
	Args        []string
	Ports       []struct {
		Name          string
		ContainerPort int `yaml:"containerPort"`
	}
	Env []struct {
		Name, Value string
		ValueFrom   struct {
			SecretKeyRef struct{ Name, Key string } `yaml:"secretKeyRef"`
		} `yaml:"valueFrom"`
	}
	EnvFrom []struct {
		ConfigMapRef struct{ Name string } `yaml:"configMapRef"`
		SecretRef    struct{ Name string } `yaml:"secretRef"`
	} `yaml:"envFrom"`
	StartupProbe   *probe `yaml:"startupProbe"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	Resources      struct{ Requests map[string]string }
}

type probe struct {
	HTTPGet struct{ Path, Port string } `yaml:"httpGet"`
}

// workload is a Deployment or a Job.
type workload struct {
	Kind     string
	Metadata struct{ Name string }
	Spec     struct {
		Replicas *int
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		}
		Template struct {
			Metadata struct{ Labels map[string]string }
			Spec     struct{ Containers []podContainer }
		}
	}
}

func (k *kustomization) addContainers(t *testing.T, file string, doc *yaml.Node) {
	w := decode[workload](t, doc)
	for _, c := range w.Spec.Template.Spec.Containers {
		k.containers[file+": "+c.Name] = c
	}
}

// env is the environment c gets: its envFrom, then its env; a value from
// a secret reads as the secret's name and key.
func (k *kustomization) env(t *testing.T, c podContainer) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, from := range c.EnvFrom {
		name := from.ConfigMapRef.Name + from.SecretRef.Name
		vars, ok := k.generated[name]
		require.True(t, ok, "%s reads %s, which nothing generates", c.Name, name)
		for k, v := range vars {
			env[k] = v
		}
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
		if ref := e.ValueFrom.SecretKeyRef; ref.Name != "" {
			env[e.Name] = ref.Name + "/" + ref.Key
		}
	}
	return env
}

func find[T any](t *testing.T, k *kustomization, kind string) []T {
	t.Helper()
	var out []T
	for _, doc := range k.objects {
		if decode[struct{ Kind string }](t, doc).Kind == kind {
			out = append(out, decode[T](t, doc))
		}
	}
	return out
}

func TestDeployKubernetes(t *testing.T) {
	image := karirImage(t)
	cluster := decode[struct{ Metadata struct{ Name string } }](t,
		loadKustomization(t, "kubernetes/database").objects[0]).Metadata.Name
	var probed []string
	for _, dir := range []string{"kubernetes/base", "kubernetes/migrate"} {
		k := loadKustomization(t, dir)
		require.NotEmpty(t, k.containers, dir)
		for where, c := range k.containers {
			assert.Equal(t, image, c.Image, where)
			env := k.env(t, c)
			assertServeLoads(t, where, env)
			assert.Equal(t, cluster+"-rw", urlHost(t, env["DATABASE_URL"]), where)
			assert.Equal(t, cluster+"-app/password", env["PGPASSWORD"], where)
			require.NotEmpty(t, c.Args, where)
			if c.Args[0] != "serve" {
				continue
			}
			assert.Equal(t, cluster+"-ro", urlHost(t, env["KARIR_READ_DATABASE_URL"]), where)
			assert.NotEmpty(t, c.Resources.Requests["cpu"], "%s: the autoscaler needs a CPU request", where)
			require.Len(t, c.Ports, 1, where)
			assert.Equal(t, listenPort(t, env["KARIR_ADDR"]), c.Ports[0].ContainerPort, where)
			require.NotNil(t, c.ReadinessProbe, where)
			require.NotNil(t, c.LivenessProbe, where)
			assert.Equal(t, "/readyz", c.ReadinessProbe.HTTPGet.Path, where)
			assert.Equal(t, "/healthz", c.LivenessProbe.HTTPGet.Path, where)
			for _, p := range []*probe{c.StartupProbe, c.LivenessProbe, c.ReadinessProbe} {
				if p != nil {
					assert.Equal(t, c.Ports[0].Name, p.HTTPGet.Port, where)
					probed = append(probed, p.HTTPGet.Path)
				}
			}
		}
		for _, job := range find[workload](t, k, "Job") {
			assert.Equal(t, []string{"migrate", "up"}, job.Spec.Template.Spec.Containers[0].Args)
		}
	}
	assertServed(t, probed)

	base := loadKustomization(t, "kubernetes/base")
	deployments := find[workload](t, base, "Deployment")
	require.Len(t, deployments, 1)
	d := deployments[0]
	labels := d.Spec.Template.Metadata.Labels
	assert.Nil(t, d.Spec.Replicas, "the autoscaler sets the replicas")
	assert.Equal(t, d.Spec.Selector.MatchLabels, labels)

	services := find[struct {
		Spec struct {
			Selector map[string]string
			Ports    []struct {
				TargetPort string `yaml:"targetPort"`
			}
		}
	}](t, base, "Service")
	require.Len(t, services, 1)
	assert.Equal(t, labels, services[0].Spec.Selector)
	assert.Equal(t, d.Spec.Template.Spec.Containers[0].Ports[0].Name, services[0].Spec.Ports[0].TargetPort)

	pdbs := find[workload](t, base, "PodDisruptionBudget")
	require.Len(t, pdbs, 1)
	assert.Equal(t, labels, pdbs[0].Spec.Selector.MatchLabels)

	hpas := find[struct {
		Spec struct {
			ScaleTargetRef struct{ Kind, Name string } `yaml:"scaleTargetRef"`
			Metrics        []struct {
				Resource struct{ Name string }
			}
		}
	}](t, base, "HorizontalPodAutoscaler")
	require.Len(t, hpas, 1)
	assert.Equal(t, "Deployment", hpas[0].Spec.ScaleTargetRef.Kind)
	assert.Equal(t, d.Metadata.Name, hpas[0].Spec.ScaleTargetRef.Name)
	assert.Equal(t, "cpu", hpas[0].Spec.Metrics[0].Resource.Name)
}

// TestDeployDocsCommands checks that docs/deploy.md applies the folders
// that exist, and the migration before the server.
func TestDeployDocsCommands(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy.md"))
	require.NoError(t, err)
	text := string(doc)
	for _, m := range regexp.MustCompile(`kubectl apply -k (deploy/\S+)`).FindAllStringSubmatch(text, -1) {
		_, err := os.Stat(filepath.Join("..", "..", m[1], "kustomization.yaml"))
		assert.NoError(t, err, "docs/deploy.md applies %s", m[1])
	}
	migrate, server := strings.Index(text, "kubectl apply -k deploy/kubernetes/migrate"), strings.Index(text, "kubectl apply -k deploy/kubernetes/base")
	assert.True(t, migrate >= 0 && server > migrate, "the migration is applied before the server")
}
