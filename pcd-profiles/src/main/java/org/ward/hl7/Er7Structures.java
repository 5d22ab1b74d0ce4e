package org.ward.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places an ER7 message into the HAPI message structure its MSH-9 selects, as HAPI's parser
 * would, without HAPI parsing it. It only answers for messages where Ward's reading is known to
 * equal HAPI's: the default delimiters {@code |^~\&}, no escape sequences, no value starting with
 * white space and none ending with it where HAPI trims it (TX), subcomponents only where HAPI keeps
 * them, and every segment at a position HAPI's structure has for it. For anything else it answers empty and the caller takes
 * HAPI's path. Thread-safe; structures are read from the model once per message class.
 */
public final class Er7Structures {

    private static final String DEFAULT_ENCODING_CHARACTERS = "^~\\&";
    private static final int MAX_CACHED = 256;

    private final ModelClassFactory factory;
    private final Map<String, Optional<Class<? extends Message>>> classes = new ConcurrentHashMap<>();
    private final Map<Class<? extends Message>, MessageGrammar> grammars = new ConcurrentHashMap<>();

    public Er7Structures(ModelClassFactory factory) {
        this.factory = factory;
    }

    /** The message placed into its structure, or empty when only HAPI can say how it would parse. */
    public Optional<GroupInstance> place(Er7Message message) {
        if (!message.delimiters().equals(Er7Delimiters.DEFAULT)
                || !message.header().field(2).equals(DEFAULT_ENCODING_CHARACTERS)
                || message.text().indexOf('\\', 8) >= 0
                || Er7.hasLeadingWhitespace(message.text(), message.delimiters())) {
            return Optional.empty();
        }
        Optional<Class<? extends Message>> messageClass = messageClass(message);
        if (messageClass.isEmpty()) {
            return Optional.empty();
        }
        return grammar(messageClass.get()).place(message.segments());
    }

    public ModelClassFactory factory() {
        return factory;
    }

    /** Whether {@code placed} was placed by this instance (so it shares this instance's structures). */
    public boolean placedHere(GroupInstance placed) {
        for (MessageGrammar grammar : grammars.values()) {
            if (grammar.root() == placed.node()) {
                return true;
            }
        }
        return false;
    }

    /** The structure of {@code messageClass}, read once. */
    public MessageGrammar grammar(Class<? extends Message> messageClass) {
        return grammars.computeIfAbsent(messageClass, c -> MessageGrammar.of(c, factory));
    }

    /** The HAPI class of an explicitly named structure (MSH-9.3), e.g. {@code ORU_R01}. */
    public Class<? extends Message> messageClassNamed(String structure) {
        return classes.computeIfAbsent(structure, k -> lookUp(structure, true))
                .orElseThrow(() -> new IllegalStateException("HAPI has no message structure " + structure));
    }

    /** The HAPI class for MSH-9, chosen as {@code PipeParser.getStructure} chooses it. */
    public Optional<Class<? extends Message>> messageClass(Er7Message message) {
        String field9 = message.header().field(9);
        List<String> components = Er7.split(field9, message.delimiters().component());
        String structure;
        boolean explicit = true;
        if (components.size() >= 3) {
            structure = components.get(2);
        } else if (!components.isEmpty() && components.get(0).equals("ACK")) {
            structure = "ACK";
        } else if (components.size() == 2) {
            explicit = false;
            structure = components.get(0) + "_" + components.get(1);
        } else {
            return Optional.empty();
        }
        // HAPI cuts MSH-9 out of the whole text, so MSH-9 must be followed by a field separator.
        if (structure.isEmpty() || message.header().fieldCount() < 10) {
            return Optional.empty();
        }
        String key = structure + (explicit ? "" : "?");
        Optional<Class<? extends Message>> known = classes.get(key);
        if (known != null) {
            return known;
        }
        Optional<Class<? extends Message>> found = lookUp(structure, explicit);
        // MSH-9 comes from the wire: remember a bounded number of answers, so senders cannot grow the cache.
        if (classes.size() < MAX_CACHED) {
            classes.putIfAbsent(key, found);
        }
        return found;
    }

    private Optional<Class<? extends Message>> lookUp(String structure, boolean explicit) {
        try {
            Class<? extends Message> found = factory.getMessageClass(structure, "2.6", explicit);
            if (found == null || found.getName().contains("GenericMessage")) {
                return Optional.empty();
            }
            return Optional.of(found);
        } catch (HL7Exception | RuntimeException e) {
            return Optional.empty();
        }
    }
}
