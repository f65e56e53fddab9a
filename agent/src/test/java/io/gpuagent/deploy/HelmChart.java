package io.gpuagent.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart in {@code daemonset/chart/gpu-agent}, through Helm's own code (helm-java runs Helm's Go library
 * in this JVM): lint, and template as {@code helm template gpu-agent <chart> --namespace gpu-agent}, the
 * README's release name and namespace.
 */
final class HelmChart {

    static final Path CHART = Path.of("..", "daemonset", "chart", "gpu-agent").toAbsolutePath().normalize();
    static final String RELEASE = "gpu-agent";
    static final String NAMESPACE = "gpu-agent";

    /** The comment Helm writes before each rendered document: which template it came from. */
    static final Pattern SOURCE = Pattern.compile("(?m)^# Source: gpu-agent/templates/(\\S+)$");

    private HelmChart() {
    }

    static LintResult lint() {
        return new Helm(CHART).lint().strict().call();
    }

    /** {@code helm template} with these {@code --set} values (in order); Helm's error as an exception. */
    static String template(Map<String, String> set) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        set.forEach(command::set);
        return command.call();
    }

    static String template(Path valuesFile) {
        return new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(valuesFile).call();
    }

    /** The render cut at Helm's "# Source:" comments: template file name to its documents' text, in order. */
    static Map<String, String> byTemplate(String rendered) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SOURCE.matcher(rendered);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                out.merge(name, body(rendered.substring(start, m.start())), String::concat);
            }
            name = m.group(1);
            start = m.end() + 1;
        }
        if (name != null) {
            out.merge(name, body(rendered.substring(Math.min(start, rendered.length()))), String::concat);
        }
        return out;
    }

    /** A document without the "---" that Helm puts before the next one. */
    static String body(String text) {
        String t = text.stripTrailing();
        if (t.endsWith("\n---")) {
            t = t.substring(0, t.length() - 4).stripTrailing();
        } else if (t.equals("---")) {
            t = "";
        }
        return t + "\n";
    }
}
