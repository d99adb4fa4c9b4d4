package dev.rowgate.stack.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A Spring Boot test class whose context runs on a {@link ServiceInfrastructure} of its own: a
 * broker and a database started with the context and given to it as its settings. The context is
 * closed after the class, and the broker after the context. The test reaches them by
 * {@code @Autowired ServiceInfrastructure}; with {@link #databaseThroughProxy()}, the service
 * reaches the database through a {@link TcpProxy} that the test cuts and restores
 * ({@code @Autowired TcpProxy}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
@ContextCustomizerFactories(OwnInfrastructure.Factory.class)
public @interface OwnInfrastructure {

  /** Whether the service's connections to the database pass through a proxy the test controls. */
  boolean databaseThroughProxy() default false;

  /** One infrastructure per test class, so that no two classes share a context and its data. */
  final class Factory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
      OwnInfrastructure own = AnnotatedElementUtils.findMergedAnnotation(testClass, OwnInfrastructure.class);
      return new Customizer(testClass, own != null && own.databaseThroughProxy());
    }
  }

  /** Starts the infrastructure as the context is made; the context stops it last when it closes. */
  record Customizer(Class<?> testClass, boolean databaseThroughProxy) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      ServiceInfrastructure infrastructure = ServiceInfrastructure.start();
      DefaultSingletonBeanRegistry beans = (DefaultSingletonBeanRegistry) context.getBeanFactory();
      beans.registerSingleton("serviceInfrastructure", infrastructure);
      beans.registerDisposableBean("serviceInfrastructure", infrastructure::close);
      Map<String, Object> settings = new HashMap<>(infrastructure.settings());
      if (databaseThroughProxy) {
        TcpProxy proxy = TcpProxy.toJdbcUrl(infrastructure.database());
        settings.put("spring.datasource.url", proxy.jdbcUrlThrough(infrastructure.database()));
        // Registered after the infrastructure, so closed before it.
        beans.registerSingleton("databaseProxy", proxy);
        beans.registerDisposableBean("databaseProxy", proxy::close);
      }
      context.getEnvironment().getPropertySources()
          .addFirst(new MapPropertySource(ServiceInfrastructure.class.getName(), settings));
    }
  }
}
