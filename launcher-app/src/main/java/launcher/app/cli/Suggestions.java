package launcher.app.cli;

import java.util.ArrayList;
import java.util.List;

/** Finds the names that a mistyped option or command was probably meant to be. */
final class Suggestions {

    /** The maximum number of names that one suggestion lists. */
    private static final int MAX_SUGGESTIONS = 3;

    /** The maximum edit distance of a suggested name, for names of at least 5 characters. */
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * Returns a sentence such as {@code Did you mean --provider?} that names the candidates
     * close to {@code typed}, the closest first, or null when none is close.
     */
    static String didYouMean(String typed, List<String> candidates) {
        List<String> close = closest(typed, candidates);
        if (close.isEmpty()) {
            return null;
        }
        return "Did you mean " + CommandLineParser.join(close, " or ") + "?";
    }

    /**
     * Returns the candidates within {@link #MAX_DISTANCE} edits of {@code typed} (1 for names
     * shorter than 5 characters), and those that start with it when it has at least 3
     * characters besides dashes, ordered by distance and then as given.
     */
    static List<String> closest(String typed, List<String> candidates) {
        String word = stripDashes(typed);
        List<String> close = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        for (String candidate : candidates) {
            String other = stripDashes(candidate);
            int distance = distance(word, other);
            int limit = other.length() < 5 ? 1 : MAX_DISTANCE;
            boolean prefix = word.length() >= 3 && other.startsWith(word);
            if (distance > limit && !prefix) {
                continue;
            }
            int position = close.size();
            while (position > 0 && distances.get(position - 1) > distance) {
                position--;
            }
            close.add(position, candidate);
            distances.add(position, distance);
        }
        return close.size() > MAX_SUGGESTIONS ? close.subList(0, MAX_SUGGESTIONS) : close;
    }

    private static String stripDashes(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '-') {
            start++;
        }
        return name.substring(start);
    }

    /**
     * Returns the optimal string alignment distance: the number of insertions, deletions,
     * substitutions and swaps of neighbouring characters that turn {@code a} into {@code b}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
