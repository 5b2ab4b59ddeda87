package io.integr8scode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Integr8sCodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(Integr8sCodeApplication.class, args);
    }
}
