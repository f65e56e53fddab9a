{{/*
Names. With the release called gpu-agent (the README's command) every object is named gpu-agent, as in
daemonset/base, which is this chart's default render.
*/}}
{{- define "gpu-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gpu-agent.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "gpu-agent.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{- define "gpu-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gpu-agent.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name: the name of an existing ServiceAccount, since serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Labels of every object. No helm.sh/chart or managed-by label: the kustomize base is this chart's render,
and would carry them falsely.
*/}}
{{- define "gpu-agent.labels" -}}
app.kubernetes.io/name: {{ include "gpu-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: gpu-agent
{{- end -}}

{{/*
The selector: the name only, as daemonset/base has always had it (a DaemonSet's selector cannot change
once created). So one release per namespace.
*/}}
{{- define "gpu-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gpu-agent.name" . }}
{{- end -}}

{{- define "gpu-agent.image" -}}
{{- $repository := required "image.repository is required" .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
The agent's settings with a named value, as (value name, flag). A value left null is not passed, so the
agent's own default applies (values.yaml names it). A new setting of the agent gets a row here, its value
in values.yaml and values.schema.json, and a case in ChartTest; until then agent.extraArgs carries it.
*/}}
{{- define "gpu-agent.settings" -}}
collectInterval: collect-interval
naming: naming
podLabelAllowlist: pod-label-allowlist
gpuResourceNames: gpu-resource-names
processMetrics: process-metrics
xidEvents: xid-events
kubernetes: kubernetes
nvmlLibrary: nvml-library
simulate: simulate
excludeFamilies: exclude-families
dcgmHostnameLabel: dcgm-hostname-label
dcgmPodUid: dcgm-pod-uid
dcgmPodLabels: dcgm-pod-labels
httpHeaderTimeout: http-header-timeout
httpIdleTimeout: http-idle-timeout
httpWriteTimeout: http-write-timeout
httpMaxConnections: http-max-connections
{{- end -}}

{{/* The container's arguments, one per line as a YAML list item. */}}
{{- define "gpu-agent.args" -}}
- --listen=:{{ .Values.agent.port }}
- --proc-root=/host/proc
- --pod-resources-socket=/var/lib/kubelet/pod-resources/kubelet.sock
{{- $agent := .Values.agent }}
{{- range $key, $flag := include "gpu-agent.settings" . | fromYaml }}
{{- $value := index $agent $key }}
{{- if kindIs "slice" $value }}
{{- if $value }}
- {{ printf "--%s=%s" $flag (join "," $value) | quote }}
{{- end }}
{{- else if not (kindIs "invalid" $value) }}
- {{ printf "--%s=%s" $flag (toString $value) | quote }}
{{- end }}
{{- end }}
{{- if .Values.agent.dcgmCounters }}
- "--dcgm-counters=/etc/gpu-agent/dcgm/counters.csv"
{{- end }}
{{- with .Values.webConfig.secretName }}
- {{ printf "--web-config-file=/etc/gpu-agent/web/%s" $.Values.webConfig.file | quote }}
{{- end }}
{{- range .Values.agent.extraArgs }}
- {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The probes' scheme: HTTPS once the web config serves TLS. */}}
{{- define "gpu-agent.probeScheme" -}}
{{- if and .Values.webConfig.secretName .Values.webConfig.tls }}HTTPS{{ else }}HTTP{{ end -}}
{{- end -}}

{{/* The dcgm-exporter drop-in's settings mean nothing in native naming: the agent refuses them at start. */}}
{{- define "gpu-agent.checkDcgm" -}}
{{- $a := .Values.agent -}}
{{- if ne (toString $a.naming) "dcgm" -}}
{{- range $key := list "dcgmHostnameLabel" "dcgmPodUid" "dcgmPodLabels" -}}
{{- if not (kindIs "invalid" (index $a $key)) -}}
{{- fail (printf "agent.%s is a setting of naming: dcgm; set agent.naming: dcgm or leave it null" $key) -}}
{{- end -}}
{{- end -}}
{{- if $a.dcgmCounters -}}
{{- fail "agent.dcgmCounters is a setting of naming: dcgm; set agent.naming: dcgm or leave it empty" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* One scrape object, not two (each would scrape every series once more); each needs its target. */}}
{{- define "gpu-agent.checkMonitors" -}}
{{- if and .Values.serviceMonitor.enabled .Values.podMonitor.enabled -}}
{{- fail "serviceMonitor.enabled and podMonitor.enabled: choose one, or every series is scraped twice" -}}
{{- end -}}
{{- if and .Values.serviceMonitor.enabled (not .Values.service.enabled) -}}
{{- fail "serviceMonitor.enabled needs service.enabled (the ServiceMonitor finds the agents through the Service); use podMonitor without a Service" -}}
{{- end -}}
{{- end -}}

{{/* The scrape settings both monitors share; the argument is .Values.serviceMonitor or .Values.podMonitor. */}}
{{- define "gpu-agent.endpoint" -}}
interval: {{ .interval }}
scrapeTimeout: {{ .scrapeTimeout }}
{{- with .scheme }}
scheme: {{ . }}
{{- end }}
{{- with .tlsConfig }}
tlsConfig:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .basicAuth }}
basicAuth:
  {{- toYaml . | nindent 2 }}
{{- end }}
# The agent's namespace/pod/container labels name the GPU's holder, not
# the agent's own pod: keep them.
honorLabels: true
relabelings:
  # Every series says which node it comes from: the dashboards' $node variable.
  - sourceLabels: [__meta_kubernetes_pod_node_name]
    targetLabel: node
    action: replace
  {{- with .relabelings }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with .metricRelabelings }}
metricRelabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
The recipes' scaling behaviour: up at once (a new replica still needs minutes before it serves), down
only after 10 minutes of lower demand, then at most 10% every 5 minutes.
*/}}
{{- define "gpu-agent.scalingBehavior" -}}
scaleUp:
  stabilizationWindowSeconds: 0
  policies:
    - type: Percent
      value: 100
      periodSeconds: 60
    - type: Pods
      value: 2
      periodSeconds: 60
  selectPolicy: Max
scaleDown:
  stabilizationWindowSeconds: 600
  policies:
    - type: Percent
      value: 10
      periodSeconds: 300
{{- end -}}
