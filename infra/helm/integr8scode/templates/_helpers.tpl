{{- define "integr8scode.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "integr8scode.labels" -}}
app.kubernetes.io/name: integr8scode
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "integr8scode.selectorLabels" -}}
app.kubernetes.io/name: integr8scode
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "integr8scode.jwtSigningKeySecret" -}}
{{- .Values.jwtSigningKey.existingSecret | default (printf "%s-jwt-signing-key" (include "integr8scode.name" .)) -}}
{{- end -}}

{{- define "integr8scode.webhookSecret" -}}
{{- .Values.webhookSecret.existingSecret | default (printf "%s-webhook-secret" (include "integr8scode.name" .)) -}}
{{- end -}}

{{/* A generated Secret's value (base64) that outlives upgrades: on an upgrade, what the Secret "name" holds under
     "key" (looked up); on install, "generated". Only an upgrade looks it up: on install there is none yet, and
     rendering without a cluster (helm template) never needs one. Arguments: root, name, key, generated. */}}
{{- define "integr8scode.keptSecretValue" -}}
{{- $existing := dict }}
{{- if .root.Release.IsUpgrade }}
{{- $existing = lookup "v1" "Secret" .root.Release.Namespace .name | default dict }}
{{- end }}
{{- get (get $existing "data" | default dict) .key | default .generated }}
{{- end -}}
