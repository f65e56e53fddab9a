package io.gpuagent.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line, through picocli. Every option is a plain string: picocli only splits the
 * arguments, and the merge with the environment and the YAML file, the conversion and the error
 * messages stay in one place ({@link ConfigLoader}), so a bad value reads the same wherever it
 * came from.
 */
final class CommandLineFlags {

    /** What {@code --simulate} alone means: the bundled default scenario. */
    static final String SIMULATE_FALLBACK = "default";

    /** The flags given, as text (empty strings included), and whether help or version was asked. */
    record Parsed(Map<Setting, String> values, boolean help, boolean version) {
    }

    private CommandLineFlags() {
    }

    static Parsed parse(String[] args) throws ConfigException {
        CommandLine commandLine = commandLine();
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw unmatched(commandLine.getCommandSpec(), e.getUnmatched(), e.getSuggestions());
        } catch (CommandLine.OverwrittenOptionException e) {
            throw new ConfigException(name(List.of(e.getOverwritten())), "given more than once");
        } catch (CommandLine.MissingParameterException e) {
            throw new ConfigException(name(e.getMissing()), "missing value");
        } catch (ParameterException e) {
            // Any other picocli complaint; none is expected with string-typed options, but it must
            // still come out as a one-line error naming the flag.
            String setting = e.getArgSpec() == null ? "gpu-agent" : name(List.of(e.getArgSpec()));
            throw new ConfigException(setting, e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (result.hasMatchedOption(s.flag())) {
                values.put(s, result.matchedOptionValue(s.flag(), ""));
            }
        }
        return new Parsed(values, result.isUsageHelpRequested(), result.isVersionHelpRequested());
    }

    /** The {@code --help} text: every flag with its environment variable and default. */
    static String usage() {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("gpu-agent");
        spec.usageMessage()
                .description("Exports NVIDIA GPU metrics of this Kubernetes node, per GPU and per container.",
                        "")
                .abbreviateSynopsis(true)
                .sortOptions(false) // the contract's order, related settings together
                .footerHeading("%n")
                .footer("Precedence: a flag beats its environment variable, which beats the --config"
                                + " YAML file, which beats the default. An empty value counts as unset.",
                        "The YAML file is a mapping whose keys are the flag names without the dashes,"
                                + " e.g. \"collect-interval: 2s\".")
                .width(100);
        for (Setting s : Setting.values()) {
            OptionSpec.Builder option = OptionSpec.builder(s.flag())
                    .paramLabel(s.paramLabel())
                    .type(String.class)
                    .description(s.help(), "Default: " + s.defaultText(), "Env: " + s.env());
            if (s == Setting.SIMULATE) {
                option.arity("0..1").fallbackValue(SIMULATE_FALLBACK);
            } else if (s == Setting.PROCESS_METRICS || s == Setting.XID_EVENTS || s == Setting.DCGM_POD_UID
                    || s == Setting.DCGM_POD_LABELS) {
                option.arity("0..1").fallbackValue("true");
            } else {
                option.arity("1");
            }
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print the version and exit.").build());
        CommandLine commandLine = new CommandLine(spec);
        // "@file" argument expansion and abbreviations would let text other than our flags
        // change the configuration; keep the command line literal.
        commandLine.setExpandAtFiles(false);
        commandLine.setAbbreviatedOptionsAllowed(false);
        commandLine.setOverwrittenOptionsAllowed(false);
        return commandLine;
    }

    private static ConfigException unmatched(CommandSpec spec, List<String> unmatched, List<String> suggestions) {
        String first = unmatched.isEmpty() ? "" : unmatched.getFirst();
        String flag = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        // A known flag is unmatched only when it comes after "--", where it is an argument.
        if (flag.startsWith("-") && flag.length() > 1 && !spec.optionsMap().containsKey(flag)) {
            String hint = suggestions.isEmpty() ? "" : "did you mean " + suggestions.getFirst() + "? ";
            return new ConfigException(flag, "unknown flag (" + hint + "see --help)");
        }
        return new ConfigException(first, "unexpected argument: gpu-agent takes only flags (see --help)");
    }

    private static String name(List<? extends ArgSpec> specs) {
        List<String> names = new ArrayList<>();
        for (ArgSpec spec : specs) {
            if (spec instanceof OptionSpec option) {
                names.add(option.longestName());
            }
        }
        return names.isEmpty() ? "gpu-agent" : String.join(", ", names);
    }
}
