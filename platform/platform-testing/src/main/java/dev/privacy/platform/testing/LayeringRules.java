package dev.privacy.platform.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps, written once (issue 22, part 5). A service is one root
 * package ({@code dev.privacy.member}, …) with the layers {@code domain}, {@code service},
 * {@code rest}, {@code messaging} (and {@code config}) below it:
 *
 * <ul>
 *   <li>{@code domain} depends on none of {@code service}, {@code rest}, {@code messaging};</li>
 *   <li>{@code service} depends on neither {@code rest} nor {@code messaging} (the adapters call
 *       the service layer, never the other way round);</li>
 *   <li>no service depends on another service's packages (they talk through events and HTTP);</li>
 *   <li>the CDI beans of a service do not inject each other in a cycle: every {@code @Inject}
 *       field, {@code @Inject} or single constructor, initializer and producer parameter is an edge
 *       (an {@code Instance<T>} or {@code Provider<T>} is an edge to {@code T}: a lazy lookup is
 *       still a dependency), and any cycle between bean classes is reported with its path.</li>
 * </ul>
 *
 * A service's {@code *LayeringTest} extends {@link ServiceLayeringTests}; {@code LayeringRulesTest}
 * (this module's tests) runs every rule against a fixture with one violation of each kind, so a
 * rule that stopped seeing its violation fails the build too. ArchUnit reads bytecode: a
 * dependency that leaves no trace in it (a compile-time constant, which javac inlines, or a
 * javadoc link) is not seen.
 */
public final class LayeringRules {

    /** The five services' root packages. */
    public static final List<String> SERVICE_PACKAGES = List.of("dev.privacy.member", "dev.privacy.consent",
            "dev.privacy.retention", "dev.privacy.disclosure", "dev.privacy.auditlog");

    static final Set<String> INJECT = Set.of("jakarta.inject.Inject", "javax.inject.Inject");
    static final Set<String> PRODUCES = Set.of("jakarta.enterprise.inject.Produces", "javax.enterprise.inject.Produces");
    /** Annotations that make a class a bean (CDI scopes, Quarkus' {@code @Startup}, JAX-RS resources and providers). */
    static final Set<String> BEAN_DEFINING = Set.of(
            "jakarta.enterprise.context.ApplicationScoped", "jakarta.enterprise.context.RequestScoped",
            "jakarta.enterprise.context.SessionScoped", "jakarta.enterprise.context.Dependent",
            "jakarta.inject.Singleton", "javax.inject.Singleton", "io.quarkus.runtime.Startup",
            "jakarta.ws.rs.Path", "jakarta.ws.rs.ext.Provider", "jakarta.interceptor.Interceptor",
            "jakarta.decorator.Decorator");
    /** Lazy lookups: an injection point of one of these types depends on its type argument. */
    static final Set<String> LAZY = Set.of("jakarta.enterprise.inject.Instance", "jakarta.inject.Provider",
            "javax.enterprise.inject.Instance", "javax.inject.Provider", "io.quarkus.arc.InjectableInstance");

    private LayeringRules() {
    }

    /** The production classes under {@code rootPackage} (test classes and jars are not imported). */
    public static JavaClasses importMainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** Every rule for the service whose root package is {@code rootPackage}, one of {@link #SERVICE_PACKAGES}. */
    public static List<ArchRule> forService(String rootPackage) {
        List<String> others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(rootPackage)).toList();
        return List.of(domainIsInnermost(rootPackage), serviceLayerDoesNotReachOut(rootPackage),
                noOtherServiceCode(rootPackage, others), noBeanInjectionCycles(rootPackage));
    }

    /** {@code root.domain} depends on none of {@code root.service}, {@code root.rest}, {@code root.messaging}. */
    public static ArchRule domainIsInnermost(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".service..", root + ".rest..", root + ".messaging..")
                .because("the domain is the innermost layer: the service layer and the adapters use it, never the other way round");
    }

    /** {@code root.service} depends on neither {@code root.rest} nor {@code root.messaging}. */
    public static ArchRule serviceLayerDoesNotReachOut(String root) {
        return noClasses().that().resideInAPackage(root + ".service..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".rest..", root + ".messaging..")
                .because("the REST resources and the event consumers call the service layer, never the other way round");
    }

    /** Nothing under {@code root} depends on a class under any of {@code otherServices}. */
    public static ArchRule noOtherServiceCode(String root, Collection<String> otherServices) {
        String[] packages = otherServices.stream().map(p -> p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because("services share only the platform library, events and HTTP, never each other's code");
    }

    /** The beans under {@code root} do not inject each other in a cycle. */
    public static ArchRule noBeanInjectionCycles(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new NoInjectionCycles())
                .as("beans in " + root + " should not inject each other in a cycle")
                .because("a cycle of beans is one component split over several classes: it cannot be understood,"
                        + " tested or changed one class at a time");
    }

    // ------------------------------------------------------------------------ injection cycles

    /** One injection: {@code from} injects {@code to} through {@code via} (a field, or a parameter of a constructor or method). */
    record Injection(JavaClass from, JavaClass to, String via) {
    }

    /** Collects the classes it is given, then finds the strongly connected components of their injection graph. */
    static final class NoInjectionCycles extends ArchCondition<JavaClass> {

        private final List<JavaClass> all = new ArrayList<>();

        NoInjectionCycles() {
            super("not inject each other in a cycle");
        }

        @Override
        public void init(Collection<JavaClass> allObjectsToTest) {
            all.clear();
        }

        @Override
        public void check(JavaClass item, ConditionEvents events) {
            all.add(item);
        }

        @Override
        public void finish(ConditionEvents events) {
            for (Cycle found : cycles(all)) {
                List<Injection> cycle = found.path();
                JavaClass first = cycle.get(0).from();
                String path = cycle.stream().map(i -> i.from().getSimpleName()).collect(Collectors.joining(" -> "))
                        + " -> " + first.getSimpleName();
                String via = cycle.stream().map(i -> i.from().getSimpleName() + " injects " + i.to().getSimpleName()
                        + " (" + i.via() + ")").collect(Collectors.joining("; "));
                String component = found.component().size() <= cycle.size() ? ""
                        : "; all beans on cycles with it: " + found.component().stream().map(JavaClass::getSimpleName)
                        .sorted().collect(Collectors.joining(", "));
                events.add(SimpleConditionEvent.violated(first, "Beans inject each other in a cycle: " + path
                        + " [" + via + "]" + component));
            }
        }
    }

    /** A strongly connected component of the injection graph, and its shortest cycle through its first bean. */
    record Cycle(Set<JavaClass> component, List<Injection> path) {
    }

    /** The cycles of the injection graph of {@code classes}, one per strongly connected component. */
    static List<Cycle> cycles(Collection<JavaClass> classes) {
        Map<JavaClass, List<Injection>> graph = injectionGraph(classes);
        List<Cycle> cycles = new ArrayList<>();
        for (Set<JavaClass> component : stronglyConnected(graph)) {
            JavaClass start = component.stream().min(Comparator.comparing(JavaClass::getName)).orElseThrow();
            List<Injection> cycle = shortestCycle(start, component, graph);
            if (!cycle.isEmpty()) {
                cycles.add(new Cycle(component, cycle));
            }
        }
        return cycles;
    }

    static Map<JavaClass, List<Injection>> injectionGraph(Collection<JavaClass> classes) {
        List<JavaClass> beans = classes.stream().filter(LayeringRules::isBean)
                .sorted(Comparator.comparing(JavaClass::getName)).toList();
        // which beans can satisfy an injection point of a given raw type: subtypes, and producers of it
        Map<String, Set<JavaClass>> producers = new HashMap<>();
        for (JavaClass bean : beans) {
            for (JavaMember member : producerMembers(bean)) {
                JavaClass produced = member instanceof JavaMethod m ? m.getRawReturnType() : ((JavaField) member).getRawType();
                producers.computeIfAbsent(produced.getName(), k -> new LinkedHashSet<>()).add(bean);
            }
        }
        Map<JavaClass, List<Injection>> graph = new TreeMap<>(Comparator.comparing(JavaClass::getName));
        for (JavaClass bean : beans) {
            List<Injection> edges = new ArrayList<>();
            for (Map.Entry<String, JavaType> point : injectionPoints(bean).entrySet()) {
                JavaClass wanted = dependencyOf(point.getValue());
                Set<JavaClass> targets = new LinkedHashSet<>();
                for (JavaClass candidate : beans) {
                    if (!candidate.isInterface() && !candidate.getModifiers().contains(JavaModifier.ABSTRACT)
                            && candidate.isAssignableTo(wanted.getName())) {
                        targets.add(candidate);
                    }
                }
                targets.addAll(producers.getOrDefault(wanted.getName(), Set.of()));
                targets.forEach(target -> edges.add(new Injection(bean, target, point.getKey())));
            }
            graph.put(bean, edges);
        }
        return graph;
    }

    /** A class with a bean-defining annotation, or with an injection point or a producer of its own. */
    static boolean isBean(JavaClass c) {
        if (c.isInterface() || c.isAnnotation() || c.isEnum() || c.isRecord()) {
            return false;
        }
        return BEAN_DEFINING.stream().anyMatch(c::isAnnotatedWith)
                || c.getFields().stream().anyMatch(f -> annotated(f, INJECT))
                || c.getCodeUnits().stream().anyMatch(u -> annotated(u, INJECT) || annotated(u, PRODUCES));
    }

    /** Each injection point of {@code bean} (also those it inherits) by a readable name, with its declared type. */
    static Map<String, JavaType> injectionPoints(JavaClass bean) {
        Map<String, JavaType> points = new LinkedHashMap<>();
        List<JavaClass> hierarchy = new ArrayList<>();
        hierarchy.add(bean);
        hierarchy.addAll(bean.getAllRawSuperclasses());
        for (JavaClass type : hierarchy) {
            for (JavaField field : type.getFields()) {
                if (annotated(field, INJECT)) {
                    points.put("field " + field.getName(), field.getType());
                }
            }
            for (JavaMethod method : type.getMethods()) {
                if (annotated(method, INJECT) || annotated(method, PRODUCES)) {
                    addParameters(points, "method " + method.getName(), method);
                }
            }
        }
        List<JavaConstructor> withParameters = bean.getConstructors().stream()
                .filter(c -> !c.getParameters().isEmpty()).toList();
        for (JavaConstructor constructor : bean.getConstructors()) {
            // Quarkus injects the only constructor of a bean without @Inject
            if (annotated(constructor, INJECT) || (bean.getConstructors().size() == 1 && withParameters.size() == 1)) {
                addParameters(points, "constructor", constructor);
            }
        }
        return points;
    }

    private static void addParameters(Map<String, JavaType> points, String where, JavaCodeUnit unit) {
        List<JavaType> types = unit.getParameterTypes();
        for (int i = 0; i < types.size(); i++) {
            points.put(where + " parameter " + i + " " + types.get(i).toErasure().getSimpleName(), types.get(i));
        }
    }

    private static List<JavaMember> producerMembers(JavaClass bean) {
        List<JavaMember> members = new ArrayList<>();
        bean.getMethods().stream().filter(m -> annotated(m, PRODUCES)).forEach(members::add);
        bean.getFields().stream().filter(f -> annotated(f, PRODUCES)).forEach(members::add);
        return members;
    }

    /** The raw type an injection point depends on: {@code T} of {@code Instance<T>}/{@code Provider<T>}, else its own. */
    static JavaClass dependencyOf(JavaType type) {
        if (type instanceof JavaParameterizedType parameterized && LAZY.contains(type.toErasure().getName())
                && parameterized.getActualTypeArguments().size() == 1) {
            return parameterized.getActualTypeArguments().get(0).toErasure();
        }
        return type.toErasure();
    }

    private static boolean annotated(JavaMember member, Set<String> names) {
        return names.stream().anyMatch(member::isAnnotatedWith);
    }

    /** Tarjan's algorithm; only the components that hold a cycle (two or more beans, or one that injects itself). */
    static List<Set<JavaClass>> stronglyConnected(Map<JavaClass, List<Injection>> graph) {
        Map<JavaClass, Integer> index = new HashMap<>();
        Map<JavaClass, Integer> low = new HashMap<>();
        Deque<JavaClass> stack = new ArrayDeque<>();
        Set<JavaClass> onStack = new LinkedHashSet<>();
        List<Set<JavaClass>> components = new ArrayList<>();
        int[] counter = {0};
        for (JavaClass node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components.stream().filter(c -> c.size() > 1 || graph.get(c.iterator().next()).stream()
                .anyMatch(i -> i.to().equals(i.from()))).toList();
    }

    private static void connect(JavaClass node, Map<JavaClass, List<Injection>> graph, Map<JavaClass, Integer> index,
                                Map<JavaClass, Integer> low, Deque<JavaClass> stack, Set<JavaClass> onStack,
                                List<Set<JavaClass>> components, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (Injection edge : graph.getOrDefault(node, List.of())) {
            JavaClass next = edge.to();
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<JavaClass> component = new LinkedHashSet<>();
            JavaClass member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    /** The shortest path of injections from {@code start} back to itself inside {@code component} (breadth first). */
    static List<Injection> shortestCycle(JavaClass start, Set<JavaClass> component, Map<JavaClass, List<Injection>> graph) {
        Map<JavaClass, Injection> reachedBy = new HashMap<>();
        Deque<JavaClass> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            JavaClass node = queue.poll();
            for (Injection edge : graph.getOrDefault(node, List.of())) {
                if (!component.contains(edge.to())) {
                    continue;
                }
                if (edge.to().equals(start)) {
                    List<Injection> cycle = new ArrayList<>();
                    cycle.add(edge);
                    for (JavaClass at = node; !at.equals(start); at = reachedBy.get(at).from()) {
                        cycle.add(0, reachedBy.get(at));
                    }
                    return cycle;
                }
                if (!reachedBy.containsKey(edge.to())) {
                    reachedBy.put(edge.to(), edge);
                    queue.add(edge.to());
                }
            }
        }
        return List.of();
    }
}
