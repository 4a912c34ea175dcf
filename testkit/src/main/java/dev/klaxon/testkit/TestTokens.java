package dev.klaxon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** An RSA key pair made per test JVM, and admin-API bearer tokens signed with it. */
public final class TestTokens {

    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** The PEM file of the public key, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyFile() {
        init();
        return publicKeyFile;
    }

    /** A token for a subject with roles, as the services expect: issuer klaxon, roles in groups. */
    public static String token(String subject, String... roles) {
        init();
        return Jwt.issuer("klaxon").subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(3600)
                .sign(keys.getPrivate());
    }

    public static String admin() {
        return token("test-admin", "admin");
    }

    public static String responder() {
        return token("test-responder", "responder");
    }

    public static String viewer() {
        return token("test-viewer", "viewer");
    }

    private static synchronized void init() {
        if (keys != null) {
            return;
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keys = gen.generateKeyPair();
            publicKeyFile = Files.createTempFile("klaxon-test-jwt", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(publicKeyFile, pem);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
