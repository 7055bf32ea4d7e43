package launcher.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * One option of a command: a flag such as {@code --force}, or an option with a value such as
 * {@code --provider ID}, given as {@code --provider claude} or {@code --provider=claude}.
 * Instances are immutable. The methods that set a property return a changed copy, and the
 * parser finds an option's values by the identity of the instance that the command declared.
 *
 * @param <T> the type of the converted value: {@link Boolean} for a flag
 */
public final class Option<T> {

    /** The kind of names that the bash completion script offers for an option's value. */
    enum Completion {
        NOTHING,
        FILES,
        DIRECTORIES,
        ACCOUNT_NAMES,
    }

    private final String name;
    private final String shortName;
    private final String label;
    private final String description;
    private final ValueConverter<T> converter;
    private final Completion completion;
    private final boolean required;
    private final boolean repeatable;
    private final String defaultValue;

    private Option(String name, String shortName, String label, String description,
            ValueConverter<T> converter, Completion completion, boolean required,
            boolean repeatable, String defaultValue) {
        if (!name.startsWith("--") || name.length() < 3 || name.contains("=")) {
            throw new IllegalArgumentException("invalid option name " + name);
        }
        this.name = name;
        this.shortName = shortName;
        this.label = label;
        this.description = description;
        this.converter = converter;
        this.completion = completion;
        this.required = required;
        this.repeatable = repeatable;
        this.defaultValue = defaultValue;
    }

    /** Creates a flag, an option without a value, such as {@code --force}. */
    public static Option<Boolean> flag(String name, String description) {
        return new Option<>(name, null, null, description, null, Completion.NOTHING, false, false,
                null);
    }

    /** Creates an option whose value is its text, such as {@code --provider ID}. */
    public static Option<String> text(String name, String label, String description) {
        return new Option<>(name, null, label, description, new TextConverter(),
                Completion.NOTHING, false, false, null);
    }

    /** Creates an option whose value is the path of a file or folder, completed as a file. */
    public static Option<Path> path(String name, String label, String description) {
        return new Option<>(name, null, label, description, new PathConverter(),
                Completion.FILES, false, false, null);
    }

    /** Creates an option whose value is the path of a folder, completed as a folder. */
    public static Option<Path> directory(String name, String label, String description) {
        return new Option<>(name, null, label, description, new PathConverter(),
                Completion.DIRECTORIES, false, false, null);
    }

    /** Creates an option whose value {@code converter} converts and checks while parsing. */
    public static <T> Option<T> converted(
            String name, String label, String description, ValueConverter<T> converter) {
        return new Option<>(name, null, label, description, converter, Completion.NOTHING,
                false, false, null);
    }

    /** Returns a copy that the command line must contain, unless it requests help or version. */
    public Option<T> required() {
        return new Option<>(name, shortName, label, description, converter, completion, true,
                repeatable, defaultValue);
    }

    /** Returns a copy that may be given more than once; each value is kept in order. */
    public Option<T> repeatable() {
        return new Option<>(name, shortName, label, description, converter, completion, required,
                true, defaultValue);
    }

    /** Returns a copy whose value is {@code text}, converted, when the option is not given. */
    public Option<T> withDefault(String text) {
        return new Option<>(name, shortName, label, description, converter, completion, required,
                repeatable, text);
    }

    /**
     * Returns a copy whose value the bash completion script completes with the names of the
     * stored accounts, of the provider given by {@code --provider} on the same line if any.
     */
    public Option<T> completingAccountNames() {
        return new Option<>(name, shortName, label, description, converter,
                Completion.ACCOUNT_NAMES, required, repeatable, defaultValue);
    }

    /** Returns a copy that is also given by a one-letter name such as {@code -h}. */
    public Option<T> withShortName(String letter) {
        if (letter.length() != 2 || letter.charAt(0) != '-' || letter.charAt(1) == '-') {
            throw new IllegalArgumentException("invalid short option name " + letter);
        }
        return new Option<>(name, letter, label, description, converter, completion, required,
                repeatable, defaultValue);
    }

    /** Returns the long name, with its two dashes. */
    public String name() {
        return name;
    }

    /** Returns the one-letter name with its dash, or null. */
    public String shortName() {
        return shortName;
    }

    /** Returns the placeholder of the value in the help, such as {@code ID}, or null for a flag. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Returns whether the option is a flag, which takes no value. */
    public boolean isFlag() {
        return converter == null;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isRepeatable() {
        return repeatable;
    }

    /** Returns the text of the default value, or null. */
    public String defaultValue() {
        return defaultValue;
    }

    Completion completion() {
        return completion;
    }

    /** Returns whether {@code argument} is this option's long or short name. */
    boolean isNamed(String argument) {
        return argument.equals(name) || argument.equals(shortName);
    }

    /** Returns the name and the value's label as the help shows them: {@code --name NAME}. */
    String synopsis() {
        return isFlag() ? name : name + " " + label;
    }

    T convert(String text) {
        return converter.convert(text);
    }

    /** Keeps the text as it is. A named class, so that no lambda class is spun at start. */
    private static final class TextConverter implements ValueConverter<String> {
        @Override
        public String convert(String text) {
            return text;
        }
    }

    /**
     * Converts the text to a path, which the command resolves against its working directory.
     * An empty text is rejected, because {@code Path.of("")} is the working directory itself.
     */
    private static final class PathConverter implements ValueConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isEmpty()) {
                throw new InvalidValueException("the path is empty",
                        "Pass the path of a file or folder.");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new InvalidValueException("'" + text + "' is not a valid path: "
                        + e.getReason(), "Pass the path of a file or folder.");
            }
        }
    }
}
