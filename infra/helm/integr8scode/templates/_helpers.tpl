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
