package io.integr8scode.judge0;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.sandbox.SandboxProperties;
import io.integr8scode.security.Caller;
import io.integr8scode.webhooks.WebhookProperties;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What Judge0 CE 1.13.1 answers about itself, for the Python it runs here: languages, statuses, {@code /about}
 * and {@code /config_info}. Clients pick a language id by the name and version Judge0 CE 1.13.1 lists (the
 * official SDK maps "Python" to 71 when {@code /about} says 1.13.1), so the ids and names are Judge0's own;
 * every one of them runs on the sandbox image's Python 3 (listed at {@code /api/v1/runtimes}).
 */
@Component("judge0Catalog")
public class Judge0Catalog {

    /** The version clients key their language ids by. */
    static final String JUDGE0_VERSION = "1.13.1";
    static final int PYTHON_3 = 71;

    /**
     * Judge0 CE 1.13.1's Python 3 languages: 71 is active; 34 and 35 are archived there, and refused like Judge0
     * refuses them. Python 2 (70, 36, 37) is not run here, so those ids do not exist.
     */
    private static final List<Language> LANGUAGES = List.of(
            new Language(PYTHON_3, "Python (3.8.1)", false, "script.py", null, "/usr/bin/python3 script.py"),
            new Language(34, "Python (3.6.0)", true, "main.py", null, "/usr/bin/python3 main.py"),
            new Language(35, "Python (3.5.3)", true, "main.py", null, "/usr/bin/python3 main.py"));

    private final ExecutionProperties executions;
    private final SandboxProperties sandbox;
    private final Judge0Properties properties;
    private final WebhookProperties webhooks;

    Judge0Catalog(ExecutionProperties executions, SandboxProperties sandbox, Judge0Properties properties,
                  WebhookProperties webhooks) {
        this.executions = executions;
        this.sandbox = sandbox;
        this.properties = properties;
        this.webhooks = webhooks;
    }

    /** One of Judge0's languages ({@code GET /languages/{id}} shows every field). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Language(int id, String name, boolean isArchived, String sourceFile, String compileCmd, String runCmd) {
    }

    /** An entry of {@code GET /languages}: id and name. */
    public record LanguageName(int id, String name) {
    }

    public record StatusView(int id, String description) {
    }

    /** The active languages, as {@code GET /languages} lists them. */
    public List<LanguageName> languages() {
        return LANGUAGES.stream().filter(language -> !language.isArchived())
                .map(language -> new LanguageName(language.id(), language.name())).toList();
    }

    /** {@code GET /languages/{id}}, archived ones included; any other id is a 404. */
    public Language language(String id) {
        return LANGUAGES.stream().filter(language -> String.valueOf(language.id()).equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Not Found", "language with id " + id + " doesn't exist"));
    }

    /** Judge0's validation message for a language id it cannot run, or null when it can. */
    String refusalOf(Object languageId) {
        Language language = LANGUAGES.stream().filter(known -> String.valueOf(known.id()).equals(String.valueOf(languageId)))
                .findFirst().orElse(null);
        if (language == null) {
            return "language with id " + languageId + " doesn't exist";
        }
        return language.isArchived() ? "language with id " + languageId + " is archived and cannot be used anymore" : null;
    }

    String nameOf(int languageId) {
        return LANGUAGES.stream().filter(language -> language.id() == languageId).map(Language::name).findFirst()
                .orElse(null);
    }

    public List<StatusView> statuses() {
        return Arrays.stream(Judge0Status.values()).map(status -> new StatusView(status.id, status.description)).toList();
    }

    /** {@code GET /about}: the Judge0 version this API answers as (clients choose language ids by it). */
    public Map<String, Object> about() {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("version", JUDGE0_VERSION);
        about.put("homepage", null);
        about.put("source_code", null);
        about.put("maintainer", "Integr8sCode (a Judge0 CE " + JUDGE0_VERSION + "-compatible API for Python)");
        return about;
    }

    /**
     * {@code GET /config_info}: Judge0's configuration keys with this platform's values for the caller (anonymous
     * callers have lower ceilings). Time limits are whole seconds of wall time, memory in KB; callbacks are the
     * platform's webhooks (their attempts and timeout); features the platform does not offer (compiler options,
     * arguments, extra files, network, several runs) are off, and their limits are those of the sandbox.
     */
    public Map<String, Object> configInfo(Caller caller) {
        ExecutionProperties.LimitSettings max = executions.maxLimitsFor(caller.isAnonymous());
        ExecutionProperties.LimitSettings defaults = executions.defaultLimits();
        double timeLimit = Math.min(defaults.timeoutSeconds(), max.timeoutSeconds());
        int memoryLimitKb = Math.min(defaults.memoryMb(), max.memoryMb()) * 1024;
        int maxFileSizeKb = sandbox.tmpSizeMb() * 1024;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("maintenance_mode", false);
        config.put("enable_wait_result", true);
        config.put("enable_compiler_options", false);
        config.put("allowed_languages_for_compile_options", List.of());
        config.put("enable_command_line_arguments", false);
        config.put("enable_submission_delete", false);
        config.put("enable_callbacks", true);
        config.put("callbacks_max_tries", webhooks.maxAttempts());
        config.put("callbacks_timeout", webhooks.timeout().toMillis() / 1000.0);
        config.put("enable_additional_files", false);
        config.put("max_queue_size", executions.maxQueued());
        config.put("cpu_time_limit", timeLimit);
        config.put("max_cpu_time_limit", (double) max.timeoutSeconds());
        config.put("cpu_extra_time", 0.0);
        config.put("max_cpu_extra_time", 0.0);
        config.put("wall_time_limit", timeLimit);
        config.put("max_wall_time_limit", (double) max.timeoutSeconds());
        config.put("memory_limit", memoryLimitKb);
        config.put("max_memory_limit", max.memoryMb() * 1024);
        config.put("stack_limit", 0);
        config.put("max_stack_limit", 0);
        config.put("max_processes_and_or_threads", sandbox.pidsLimit());
        config.put("max_max_processes_and_or_threads", sandbox.pidsLimit());
        config.put("enable_per_process_and_thread_time_limit", false);
        config.put("allow_enable_per_process_and_thread_time_limit", false);
        config.put("enable_per_process_and_thread_memory_limit", false);
        config.put("allow_enable_per_process_and_thread_memory_limit", false);
        config.put("max_file_size", maxFileSizeKb);
        config.put("max_max_file_size", maxFileSizeKb);
        config.put("number_of_runs", 1);
        config.put("max_number_of_runs", 1);
        config.put("redirect_stderr_to_stdout", false);
        config.put("max_extract_size", 0);
        config.put("enable_batched_submissions", true);
        config.put("max_submission_batch_size", properties.maxBatchSize());
        config.put("submission_cache_duration", 0.0);
        config.put("use_docs_as_homepage", false);
        config.put("allow_enable_network", false);
        config.put("enable_network", false);
        return config;
    }
}
