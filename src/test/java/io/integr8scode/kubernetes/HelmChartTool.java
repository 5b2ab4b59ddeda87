package io.integr8scode.kubernetes;

import java.nio.file.Path;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * helm (through helm-java) in a process of its own. helm-java loads helm as a Go library, and the Go runtime
 * installs its own signal handlers, which breaks a JVM that later attaches agents or reaps child processes
 * (seen here as hung and killed test forks). So tests run helm in a child JVM; see {@link RenderedChart}.
 *
 * <p>Usage: {@code lint <chart>} prints the messages and exits 1 when lint fails;
 * {@code template <chart> <release> <namespace> <kubeVersion> [key=value ...]} prints the manifests.
 */
final class HelmChartTool {

    private HelmChartTool() {
    }

    public static void main(String[] args) {
        Helm helm = new Helm(Path.of(args[1]));
        if ("lint".equals(args[0])) {
            LintResult lint = helm.lint().strict().call();
            lint.getMessages().forEach(System.out::println);
            System.exit(lint.isFailed() ? 1 : 0);
        }
        TemplateCommand template = helm.template().withName(args[2]).withNamespace(args[3]).withKubeVersion(args[4]);
        for (int i = 5; i < args.length; i++) {
            String[] keyValue = args[i].split("=", 2);
            template.set(keyValue[0], keyValue[1]);
        }
        System.out.print(template.call());
        System.exit(0);
    }
}
