package io.gpuagent.config;

/**
 * A setting's raw text and where it came from, so an error about a value that came from the
 * environment or a file says so: otherwise a user staring at a correct command line cannot find
 * the bad value.
 *
 * @param origin empty for a flag, else e.g. {@code GPU_AGENT_LISTEN} or
 *     {@code listen in /etc/gpu-agent.yaml}
 */
record SettingValue(Setting setting, String text, String origin) {

    static SettingValue fromFlag(Setting setting, String text) {
        return new SettingValue(setting, text, "");
    }

    static SettingValue fromEnv(Setting setting, String text) {
        return new SettingValue(setting, text, setting.env());
    }

    static SettingValue fromYaml(Setting setting, String text, String file) {
        return new SettingValue(setting, text, setting.key() + " in " + file);
    }

    /** An error naming the setting's flag, plus the origin when it was not the command line. */
    ConfigException error(String detail) {
        return error(detail, null);
    }

    ConfigException error(String detail, Throwable cause) {
        String where = origin.isEmpty() ? "" : " (from " + origin + ")";
        return new ConfigException(setting.flag(), detail + where, cause);
    }
}
