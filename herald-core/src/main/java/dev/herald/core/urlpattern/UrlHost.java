package dev.herald.core.urlpattern;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The WHATWG host parser (URL standard section 3.5) and host serializer: IPv6 and IPv4 addresses in
 * their canonical forms, opaque hosts of non-special URLs percent-encoded, domains percent-decoded,
 * mapped to ASCII and lower-cased.
 *
 * <p>One difference from the standard: "domain to ASCII" is UTS #46 there; here ASCII domains are
 * lower-cased (which is all UTS #46 does to them) and others go through {@link IDN#toASCII} (IDNA2003).
 * The two differ only for a few non-ASCII code points (deviation characters such as {@code ß}, which
 * IDNA2003 maps to {@code ss} and UTS #46 now keeps): such a host can canonicalize differently in a
 * pattern than in a browser, never differently between a pattern and a topic, which both go through here.
 */
final class UrlHost {

    private static final String FORBIDDEN_HOST = "\u0000\t\n\r #/:<>?@[\\]^|";

    private UrlHost() {}

    /** The serialized host, or null when the input is not a valid host. */
    static String parse(String input, boolean special) {
        if (input.startsWith("[")) {
            if (!input.endsWith("]") || input.length() < 2) {
                return null;
            }
            String address = ipv6(input.substring(1, input.length() - 1));
            return address == null ? null : "[" + address + "]";
        }
        if (!special) {
            return opaque(input);
        }
        String domain = percentDecode(input);
        String ascii = domainToAscii(domain);
        if (ascii == null || ascii.isEmpty()) {
            return null;
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c < 0x20 || c == '%' || c == 0x7F || FORBIDDEN_HOST.indexOf(c) >= 0) {
                return null;
            }
        }
        if (endsInNumber(ascii)) {
            return ipv4(ascii);
        }
        return ascii;
    }

    private static String opaque(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (FORBIDDEN_HOST.indexOf(input.charAt(i)) >= 0) {
                return null;
            }
        }
        return PercentEncoding.C0_CONTROL.encode(input);
    }

    static String percentDecode(String input) {
        if (input.indexOf('%') < 0) {
            return input;
        }
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(int c) {
        return Character.digit(c, 16);
    }

    private static String domainToAscii(String domain) {
        boolean ascii = true;
        for (int i = 0; i < domain.length() && ascii; i++) {
            ascii = domain.charAt(i) < 0x80;
        }
        if (ascii) {
            return domain.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean endsInNumber(String host) {
        char lastChar = host.charAt(host.length() - 1);
        if (!(lastChar >= '0' && lastChar <= '9') && lastChar != '.' && Character.digit(lastChar, 16) < 0
                && lastChar != 'x' && lastChar != 'X') {
            return false; // the common case, a name: its last label cannot be a number
        }
        String[] parts = host.split("\\.", -1);
        int last = parts.length - 1;
        if (parts[last].isEmpty()) {
            if (parts.length == 1) {
                return false;
            }
            last--;
        }
        String part = parts[last];
        if (!part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return ipv4Number(part) >= 0;
    }

    /** The IPv4 parser: dotted, hex ({@code 0x}) or octal (leading 0) parts; null on failure. */
    private static String ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        int count = parts.length;
        if (parts[count - 1].isEmpty() && count > 1) {
            count--;
        }
        if (count > 4) {
            return null;
        }
        long[] numbers = new long[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = ipv4Number(parts[i]);
            if (numbers[i] < 0 || (i < count - 1 && numbers[i] > 255)) {
                return null;
            }
        }
        if (numbers[count - 1] >= 1L << (8 * (5 - count))) {
            return null;
        }
        long address = numbers[count - 1];
        for (int i = 0; i < count - 1; i++) {
            address += numbers[i] << (8 * (3 - i));
        }
        return (address >> 24) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** One IPv4 part's value, or -1 when it is not a number (or is absurdly long). */
    private static long ipv4Number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 12) {
            return -1; // beyond any valid part; also keeps Long.parseLong from overflowing
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The IPv6 parser and serializer (compressing the first longest run of two or more zero pieces). */
    private static String ipv6(String input) {
        int[] address = new int[8];
        int piece = 0;
        int compress = -1;
        int i = 0;
        int n = input.length();
        if (n > 0 && input.charAt(0) == ':') {
            if (n < 2 || input.charAt(1) != ':') {
                return null;
            }
            i = 2;
            compress = ++piece;
        }
        while (i < n) {
            if (piece == 8) {
                return null;
            }
            if (input.charAt(i) == ':') {
                if (compress >= 0) {
                    return null;
                }
                i++;
                compress = ++piece;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && i < n && hex(input.charAt(i)) >= 0) {
                value = value * 16 + hex(input.charAt(i));
                i++;
                length++;
            }
            if (i < n && input.charAt(i) == '.') {
                if (length == 0 || piece > 6) {
                    return null;
                }
                i -= length;
                if (!ipv4InIpv6(input.substring(i), address, piece)) {
                    return null;
                }
                piece += 2;
                i = n;
                break;
            } else if (i < n && input.charAt(i) == ':') {
                i++;
                if (i == n) {
                    return null;
                }
            } else if (i < n) {
                return null;
            }
            address[piece++] = value;
        }
        if (compress >= 0) {
            int swaps = piece - compress;
            piece = 7;
            while (piece != 0 && swaps > 0) {
                int other = compress + swaps - 1;
                int tmp = address[piece];
                address[piece] = address[other];
                address[other] = tmp;
                piece--;
                swaps--;
            }
        } else if (piece != 8) {
            return null;
        }
        return serializeIpv6(address);
    }

    private static boolean ipv4InIpv6(String text, int[] address, int piece) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        int[] bytes = new int[4];
        for (int k = 0; k < 4; k++) {
            String part = parts[k];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            bytes[k] = Integer.parseInt(part);
            if (bytes[k] > 255) {
                return false;
            }
        }
        address[piece] = bytes[0] << 8 | bytes[1];
        address[piece + 1] = bytes[2] << 8 | bytes[3];
        return true;
    }

    private static String serializeIpv6(int[] address) {
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; ) {
            int end = start;
            while (end < 8 && address[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
            start = end == start ? start + 1 : end;
        }
        StringBuilder out = new StringBuilder();
        boolean ignoreZero = false;
        for (int k = 0; k < 8; k++) {
            if (ignoreZero && address[k] == 0) {
                continue;
            }
            ignoreZero = false;
            if (k == bestStart) {
                out.append(k == 0 ? "::" : ":");
                ignoreZero = true;
                continue;
            }
            out.append(Integer.toHexString(address[k]));
            if (k != 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
