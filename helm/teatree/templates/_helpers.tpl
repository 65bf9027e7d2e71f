{{/* Common labels, in a fixed order. */}}
{{- define "teatree.labels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: teatree
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "teatree.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "teatree.image" -}}
{{ .root.Values.image.registry }}/{{ .component }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end }}

{{- define "teatree.postgresSecret" -}}
{{ .Values.postgres.existingSecret | default (printf "%s-postgres" .Release.Name) }}
{{- end }}

{{- define "teatree.s3Secret" -}}
{{ .Values.s3.existingSecret | default (printf "%s-s3" .Release.Name) }}
{{- end }}

{{/* The Secret of one service's NATS user (.service: api, dispatcher or manager). */}}
{{- define "teatree.natsSecret" -}}
{{- $user := index .root.Values.nats .service -}}
{{ $user.existingSecret | default (printf "%s-nats-%s" .root.Release.Name .service) }}
{{- end }}

{{/* Environment shared by the services: NATS (as .service's user), Postgres and S3, every credential from a Secret. */}}
{{- define "teatree.serverEnv" -}}
{{- $root := .root -}}
{{- with .root -}}
- name: TEATREE_NATS_URL
  value: {{ .Values.nats.url | quote }}
- name: TEATREE_NATS_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.natsSecret" (dict "root" $root "service" $.service) }}
      key: username
- name: TEATREE_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.natsSecret" (dict "root" $root "service" $.service) }}
      key: password
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ .Values.postgres.jdbcUrl | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.postgresSecret" . }}
      key: username
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.postgresSecret" . }}
      key: password
- name: TEATREE_S3_ENDPOINT
  value: {{ .Values.s3.endpoint | quote }}
- name: TEATREE_S3_REGION
  value: {{ .Values.s3.region | quote }}
- name: TEATREE_S3_BUCKET
  value: {{ .Values.s3.bucket | quote }}
- name: TEATREE_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.s3Secret" . }}
      key: access-key
- name: TEATREE_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "teatree.s3Secret" . }}
      key: secret-key
- name: QUARKUS_HTTP_HOST
  value: 0.0.0.0
{{- end }}
{{- end }}

{{/* Traces and log format, the same for every component; the dispatcher hands them on to the managers. */}}
{{- define "teatree.observabilityEnv" -}}
- name: TEATREE_LOG_JSON
  value: {{ .Values.observability.jsonLogs | quote }}
{{- with .Values.observability.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $.Values.observability.otlpProtocol | quote }}
{{- end }}
{{- end }}

{{/* Prometheus scrape annotations of a pod serving /q/metrics on .port. */}}
{{- define "teatree.scrapeAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /q/metrics
{{- end }}

{{/* Pod and container security settings shared by the services. */}}
{{- define "teatree.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "teatree.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{- define "teatree.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: http
  periodSeconds: 2
  failureThreshold: 60
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 5
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
{{- end }}
